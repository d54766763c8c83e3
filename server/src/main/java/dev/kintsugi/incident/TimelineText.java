package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The text of the timeline entries the incident writes itself (status, severity, roles, milestones, edits). */
final class TimelineText {
    private TimelineText() {}

    static String declared(String key, Severity severity, String title) {
        return "Declared " + key + " (" + severity + "): " + title;
    }

    static String reopened(IncidentStatus from, IncidentStatus to, String reason) {
        return "Reopened: " + from + " → " + to + ". " + reason;
    }

    static String statusChanged(IncidentStatus from, IncidentStatus to, ClosureReason closure, String reason) {
        StringBuilder body = new StringBuilder("Status: " + from + " → " + to);
        if (closure != null) {
            body.append(" (").append(closure).append(')');
        }
        if (reason != null && !reason.isBlank()) {
            body.append(". ").append(reason.trim());
        }
        return body.toString();
    }

    static String severityChanged(Severity from, Severity to) {
        return "Severity: " + from + " → " + to;
    }

    static String edited(List<String> changed) {
        return "Edited: " + String.join(", ", changed);
    }

    static String services(List<String> names) {
        return "Affected services: " + (names.isEmpty() ? "none" : String.join(", ", names));
    }

    static String roleLeft(IncidentRole role, String before) {
        return label(role) + ": " + before + " stepped down";
    }

    static String roleTaken(IncidentRole role, String before, String username) {
        return label(role) + ": " + (before == null ? username : before + " → " + username);
    }

    static String joined(String username) {
        return username + " joined";
    }

    static String milestoneReached(Milestone m) {
        return label(m);
    }

    static String milestoneEdited(Milestone m, Instant before, Instant at) {
        return label(m) + (at == null ? " cleared" : " set to " + at) + (before == null ? "" : " (was " + before + ")");
    }

    static String label(IncidentRole role) {
        return switch (role) {
            case COMMANDER -> "Incident commander";
            case SCRIBE -> "Scribe";
            case COMMUNICATIONS -> "Communications lead";
        };
    }

    static String label(Milestone m) {
        String s = m.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
