package dev.kintsugi.oncall;

/** A schedule was deleted (its overrides with it). */
public record ScheduleDeleted(long scheduleId, String name, long teamId, String by) implements ScheduleEvent {}
