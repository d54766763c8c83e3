package dev.kintsugi.postmortem;

/** {@code OPEN → IN_PROGRESS → DONE}, or {@code WONT_DO} with a written reason. Any status can be reopened. */
public enum CountermeasureStatus {
    OPEN,
    IN_PROGRESS,
    DONE,
    WONT_DO;

    /** Still to be done: counts for "overdue" and for reminders. */
    public boolean isActive() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
