package dev.kintsugi.oncall;

/**
 * One level of an escalation policy: whom it pages — a user, whoever is on call on a schedule, or a team (its
 * schedules' people on call, else all its members) — and how long to wait for an acknowledgement before the next
 * level. Schedules and teams are held by id so renames do not break policies.
 */
public record EscalationLevel(TargetType type, String username, Long scheduleId, Long teamId, int timeoutMinutes) {
    public enum TargetType {
        USER,
        SCHEDULE,
        TEAM
    }
}
