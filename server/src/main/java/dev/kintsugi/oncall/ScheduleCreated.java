package dev.kintsugi.oncall;

/** A schedule was created. */
public record ScheduleCreated(long scheduleId, String name, long teamId, String by) implements ScheduleEvent {}
