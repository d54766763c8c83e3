package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** An incident was closed, for good. */
public record IncidentClosed(
        long incidentId,
        String key,
        ClosureReason reason,
        Long duplicateOf,
        Instant closedAt,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {}
