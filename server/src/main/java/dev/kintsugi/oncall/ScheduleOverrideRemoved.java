package dev.kintsugi.oncall;

/** An override was removed (both halves of a swap go together). */
public record ScheduleOverrideRemoved(long scheduleId, String name, long teamId, long overrideId, String by)
        implements ScheduleEvent {}
