package dev.kintsugi.alerting;

/**
 * What a new alert group asked of on-call, decided once per group (a storm of repeats never decides again): page
 * the people on call, notify only (routing said so, or the alert is flapping), or nothing at all (silenced, or its
 * service is in a maintenance window).
 */
public enum Decision {
    PAGE,
    NOTIFY_ONLY,
    SUPPRESSED
}
