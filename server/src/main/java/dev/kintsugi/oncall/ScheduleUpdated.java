package dev.kintsugi.oncall;

/** A schedule's name, zone or rotations changed. */
public record ScheduleUpdated(long scheduleId, String name, long teamId, String by) implements ScheduleEvent {}
