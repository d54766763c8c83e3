package dev.kintsugi.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An incident as people and other modules read it, with its services resolved from the catalog. {@code version}
 * grows with every change (see {@link dev.kintsugi.platform.Versions}).
 */
public record IncidentView(
        long id,
        String key,
        long number,
        String title,
        String description,
        Severity severity,
        IncidentStatus status,
        boolean privateIncident,
        ClosureReason closureReason,
        String duplicateOf,
        Map<IncidentRole, String> roles,
        Map<Milestone, Instant> milestones,
        List<ServiceRef> services,
        Set<String> participants,
        String declaredBy,
        Instant updatedAt,
        long version,
        Long gameDayId) {

    /** A service the incident affects (may have been deleted from the catalog since). */
    public record ServiceRef(long id, String name, String displayName, long ownerTeamId, String ownerTeam) {}

    public Instant milestone(Milestone m) {
        return milestones.get(m);
    }

    public String role(IncidentRole role) {
        return roles.get(role);
    }

    public Set<IncidentStatus> allowedNext() {
        return status.allowedNext();
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** Time to detect: impact start to detection (null when either is unknown). */
    public Duration timeToDetect() {
        return between(Milestone.IMPACT_STARTED, Milestone.DETECTED);
    }

    public Duration timeToAcknowledge() {
        return between(Milestone.DECLARED, Milestone.ACKNOWLEDGED);
    }

    public Duration timeToMitigate() {
        return between(start(), Milestone.MITIGATED);
    }

    public Duration timeToResolve() {
        return between(start(), Milestone.RESOLVED);
    }

    /** Impact start if known, else detection, else declaration. */
    private Milestone start() {
        if (milestones.containsKey(Milestone.IMPACT_STARTED)) {
            return Milestone.IMPACT_STARTED;
        }
        return milestones.containsKey(Milestone.DETECTED) ? Milestone.DETECTED : Milestone.DECLARED;
    }

    private Duration between(Milestone from, Milestone to) {
        Instant a = milestones.get(from);
        Instant b = milestones.get(to);
        return a == null || b == null ? null : Duration.between(a, b);
    }
}
