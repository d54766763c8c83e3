package dev.kintsugi.gameday;

/** The readiness checklist: each item ticked by someone before the start (shown with who and when). */
public enum Readiness {
    OBSERVABILITY,
    ROLLBACK,
    INVITED,
    KILL_SWITCH
}
