package dev.kintsugi.oncall;

import java.time.Instant;

/** Someone took or swapped a shift (a swap publishes one per override); {@code coveredUser} null for a period. */
public record ScheduleOverridden(
        long scheduleId,
        String name,
        long teamId,
        long overrideId,
        String coveringUser,
        String coveredUser,
        Instant at,
        String by)
        implements ScheduleEvent {}
