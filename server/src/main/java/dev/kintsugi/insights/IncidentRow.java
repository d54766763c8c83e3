package dev.kintsugi.insights;

import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One incident as the read model keeps it: its milestones, and the durations the metrics are made of (null when a
 * milestone is missing, or when the later one comes before the earlier one: a figure that cannot be right is
 * missing, not negative).
 */
record IncidentRow(
        long incidentId,
        String key,
        String title,
        String severity,
        boolean privateIncident,
        boolean gameDay,
        Instant started,
        Instant detected,
        Instant declared,
        Instant acknowledged,
        Instant mitigated,
        Instant resolved,
        Set<Long> serviceIds,
        Set<Long> teamIds) {

    /** The one place the read model learns whether an incident belongs to a game day. */
    static IncidentRow of(IncidentView i) {
        return new IncidentRow(
                i.id(),
                i.key(),
                i.title(),
                i.severity().name(),
                i.privateIncident(),
                gameDay(i),
                i.milestone(Milestone.IMPACT_STARTED),
                i.milestone(Milestone.DETECTED),
                i.milestone(Milestone.DECLARED),
                i.milestone(Milestone.ACKNOWLEDGED),
                i.milestone(Milestone.MITIGATED),
                i.milestone(Milestone.RESOLVED),
                i.services().stream().map(IncidentView.ServiceRef::id).collect(Collectors.toSet()),
                i.services().stream()
                        .map(IncidentView.ServiceRef::ownerTeamId)
                        .filter(t -> t > 0)
                        .collect(Collectors.toSet()));
    }

    private static boolean gameDay(IncidentView i) {
        return i.gameDayId() != null;
    }

    /** When the incident began, for MTBF: impact start, else detection, else declaration. */
    Instant start() {
        if (started != null) {
            return started;
        }
        return detected != null ? detected : declared;
    }

    Long detectSeconds() {
        return seconds(started, detected);
    }

    Long acknowledgeSeconds() {
        return seconds(declared, acknowledged);
    }

    Long mitigateSeconds() {
        return seconds(detected, mitigated);
    }

    Long resolveSeconds() {
        return seconds(detected, resolved);
    }

    Long impactSeconds() {
        return seconds(started, resolved);
    }

    static Long seconds(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return null;
        }
        return Duration.between(from, to).toSeconds();
    }
}
