package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** Someone took (or, with a null username, left) a role in an incident. */
public record IncidentRoleAssigned(
        long incidentId,
        String key,
        IncidentRole role,
        String username,
        Instant at,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {}
