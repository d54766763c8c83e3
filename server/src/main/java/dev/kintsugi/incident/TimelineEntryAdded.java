package dev.kintsugi.incident;

import java.time.Instant;

/** An entry was added to an incident's timeline (live pages refresh on it). */
public record TimelineEntryAdded(long incidentId, String key, long entryId, TimelineEntryKind kind, Instant at) {}
