package dev.kintsugi.incident;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When milestones may be: impact and detection precede resolution; resolution precedes closing; mitigation
 * precedes resolution; none is in the future; resolution and closing wait for the incident to be resolved.
 */
final class MilestoneOrder {
    private MilestoneOrder() {}

    /** Checks a person's correction of {@code m} to {@code at} (null clears it) against the others. */
    static void checkEdit(
            Map<Milestone, Instant> current, Milestone m, Instant at, IncidentStatus status, Instant now) {
        if (m == Milestone.DECLARED && at == null) {
            throw new InvalidInputException(
                    "at", "incident.validation.declaredRemoved", "the declaration time cannot be removed");
        }
        if (at != null && at.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException(
                    "at", "incident.validation.milestoneFuture", "a milestone cannot be in the future");
        }
        if (at != null && (m == Milestone.RESOLVED || m == Milestone.CLOSED) && status.isOpen()) {
            throw new InvalidInputException(
                    "milestone",
                    "incident.validation.onlyResolved",
                    m + " can only be set once the incident is resolved",
                    m.name());
        }
        Map<Milestone, Instant> next = new EnumMap<>(current);
        if (at == null) {
            next.remove(m);
        } else {
            next.put(m, at);
        }
        check(next);
    }

    static void check(Map<Milestone, Instant> m) {
        Instant resolved = m.get(Milestone.RESOLVED);
        Instant closed = m.get(Milestone.CLOSED);
        for (Milestone early :
                List.of(Milestone.IMPACT_STARTED, Milestone.DETECTED, Milestone.DECLARED, Milestone.MITIGATED)) {
            Instant t = m.get(early);
            if (t != null && resolved != null && t.isAfter(resolved)) {
                throw new InvalidInputException(
                        "at",
                        "incident.validation.milestoneAfter",
                        label(early) + " cannot be after " + label(Milestone.RESOLVED),
                        named(early),
                        named(Milestone.RESOLVED));
            }
        }
        if (resolved != null && closed != null && resolved.isAfter(closed)) {
            throw new InvalidInputException(
                    "at",
                    "incident.validation.milestoneAfter",
                    label(Milestone.RESOLVED) + " cannot be after " + label(Milestone.CLOSED),
                    named(Milestone.RESOLVED),
                    named(Milestone.CLOSED));
        }
        Instant impact = m.get(Milestone.IMPACT_STARTED);
        Instant detected = m.get(Milestone.DETECTED);
        if (impact != null && detected != null && impact.isAfter(detected)) {
            throw new InvalidInputException(
                    "at", "incident.validation.impactLate", "impact cannot start after it was detected");
        }
    }

    /** The milestone's name for a message argument: its label in the reader's language, English by default. */
    private static org.springframework.context.MessageSourceResolvable named(Milestone m) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"incident.milestone." + m.name()}, label(m));
    }

    private static String label(Milestone m) {
        String s = m.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
