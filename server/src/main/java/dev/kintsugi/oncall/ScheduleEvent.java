package dev.kintsugi.oncall;

/** What every schedule event carries: the schedule and the team that owns it. */
public sealed interface ScheduleEvent
        permits ScheduleCreated, ScheduleUpdated, ScheduleDeleted, ScheduleOverridden, ScheduleOverrideRemoved {
    long scheduleId();

    String name();

    long teamId();
}
