package dev.kintsugi.alerting;

/** The tool an integration receives alerts from; each has its own endpoint under {@code /webhooks/}. */
public enum SourceType {
    ALERTMANAGER,
    GRAFANA,
    PAGERDUTY,
    OPSGENIE,
    GENERIC
}
