package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** A resolved incident was reopened. */
public record IncidentReopened(
        long incidentId, String key, String reason, Instant at, Set<Long> serviceIds, Set<Long> teamIds)
        implements IncidentEvent {}
