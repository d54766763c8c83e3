package dev.kintsugi.postmortem;

/** What kind of change a countermeasure makes. A {@link #REHEARSAL} can name the experiment that proves it. */
public enum CountermeasureKind {
    AUTOMATED_TEST,
    TELEMETRY_OR_ALERT,
    PEER_REVIEW_RULE,
    REHEARSAL,
    DESIGN_CHANGE,
    RUNBOOK_OR_DOCUMENTATION,
    OTHER
}
