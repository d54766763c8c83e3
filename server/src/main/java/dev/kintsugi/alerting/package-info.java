/**
 * Alerting: integrations (Alertmanager and Grafana webhooks, PagerDuty Events v2, Opsgenie Alert API v2, generic
 * JSON) that accept alerts under {@code /webhooks/**}, a durable local spool so that no alert is lost while the
 * database is away, alert groups (deduplicated, acknowledged, resolved, silenced, flapping), the alert catalog
 * (named definitions with an owner team, a severity mapping and a runbook) and routing rules that open or join
 * incidents. Facades: {@link dev.kintsugi.alerting.Integrations}, {@link dev.kintsugi.alerting.AlertGroups},
 * {@link dev.kintsugi.alerting.AlertCatalog}, {@link dev.kintsugi.alerting.Silences}. Events:
 * {@link dev.kintsugi.alerting.AlertGroupTriggered}, {@link dev.kintsugi.alerting.AlertGroupAcknowledged},
 * {@link dev.kintsugi.alerting.AlertGroupResolved}, {@link dev.kintsugi.alerting.AlertGroupEscalationRequested}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerting")
package dev.kintsugi.alerting;
