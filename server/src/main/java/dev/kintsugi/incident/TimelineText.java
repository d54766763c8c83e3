package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;

/**
 * What the timeline entries the incident writes itself say (status, severity, roles, milestones, edits), as
 * message codes of the incident bundle ({@code incident.timeline.*}) with typed arguments, never as sentences.
 */
final class TimelineText {
    private TimelineText() {}

    static TimelineMessage declared(String key, Severity severity, String title) {
        return TimelineMessage.of("incident.timeline.declared")
                .text(key)
                .value(severity)
                .text(title)
                .build();
    }

    static TimelineMessage reopened(IncidentStatus from, IncidentStatus to, String reason) {
        return TimelineMessage.of("incident.timeline.reopened")
                .value(from)
                .value(to)
                .text(reason)
                .build();
    }

    static TimelineMessage statusChanged(IncidentStatus from, IncidentStatus to, ClosureReason closure, String reason) {
        boolean hasReason = reason != null && !reason.isBlank();
        var m = TimelineMessage.of(
                        "incident.timeline.status" + (closure == null ? "" : ".closed") + (hasReason ? ".reason" : ""))
                .value(from)
                .value(to);
        if (closure != null) {
            m.value(closure);
        }
        if (hasReason) {
            m.text(reason.trim());
        }
        return m.build();
    }

    static TimelineMessage severityChanged(Severity from, Severity to) {
        return TimelineMessage.of("incident.timeline.severity")
                .value(from)
                .value(to)
                .build();
    }

    /** {@code changed}: {@code title}, {@code description}, {@code private} or {@code public}. */
    static TimelineMessage edited(List<String> changed) {
        return TimelineMessage.of("incident.timeline.edited").edits(changed).build();
    }

    static TimelineMessage services(List<String> names) {
        return names.isEmpty()
                ? TimelineMessage.of("incident.timeline.services.none").build()
                : TimelineMessage.of("incident.timeline.services")
                        .text(String.join(", ", names))
                        .build();
    }

    static TimelineMessage roleLeft(IncidentRole role, String before) {
        return TimelineMessage.of("incident.timeline.role.left")
                .value(role)
                .user(before)
                .build();
    }

    static TimelineMessage roleTaken(IncidentRole role, String before, String username) {
        return before == null
                ? TimelineMessage.of("incident.timeline.role.taken")
                        .value(role)
                        .user(username)
                        .build()
                : TimelineMessage.of("incident.timeline.role.handed")
                        .value(role)
                        .user(before)
                        .user(username)
                        .build();
    }

    static TimelineMessage joined(String username) {
        return TimelineMessage.of("incident.timeline.joined").user(username).build();
    }

    static TimelineMessage milestoneReached(Milestone m) {
        return TimelineMessage.of("incident.timeline.milestone").value(m).build();
    }

    static TimelineMessage milestoneEdited(Milestone m, Instant before, Instant at) {
        var message = TimelineMessage.of("incident.timeline.milestone." + (at == null ? "cleared" : "set")
                        + (before == null ? "" : ".was"))
                .value(m);
        if (at != null) {
            message.instant(at);
        }
        if (before != null) {
            message.instant(before);
        }
        return message.build();
    }
}
