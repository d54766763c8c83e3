package dev.kintsugi.alerting;

/** An alert group's life: triggered, then (optionally) acknowledged, then resolved, which is final. */
public enum GroupStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED
}
