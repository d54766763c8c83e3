package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An incident was declared, with everything known at that moment: its milestones (declared, and detected or
 * impact start when given), the services it affects and their owning teams. A commander named at declaration
 * follows as an {@link IncidentRoleAssigned}. {@code gameDayId} is set when the incident was declared during a game
 * day (a rehearsal: insights leave it out of real figures unless asked).
 */
public record IncidentDeclared(
        long incidentId,
        String key,
        Severity severity,
        String title,
        Instant declaredAt,
        String description,
        boolean privateIncident,
        String declaredBy,
        Map<Milestone, Instant> milestones,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Long gameDayId)
        implements IncidentEvent {}
