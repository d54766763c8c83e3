package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** An incident moved from one status to another. */
public record IncidentStatusChanged(
        long incidentId,
        String key,
        IncidentStatus from,
        IncidentStatus to,
        Instant at,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {}
