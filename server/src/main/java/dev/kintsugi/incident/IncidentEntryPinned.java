package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** A timeline entry was pinned as a key event ({@code pinned} true) or unpinned. */
public record IncidentEntryPinned(
        long incidentId, String key, long entryId, boolean pinned, Instant at, Set<Long> serviceIds, Set<Long> teamIds)
        implements IncidentEvent {}
