package dev.kintsugi.alerting.ingest;

import static dev.kintsugi.alerting.ingest.Payloads.cut;
import static dev.kintsugi.alerting.ingest.Payloads.fingerprint;
import static dev.kintsugi.alerting.ingest.Payloads.first;
import static dev.kintsugi.alerting.ingest.Payloads.key;
import static dev.kintsugi.alerting.ingest.Payloads.link;
import static dev.kintsugi.alerting.ingest.Payloads.strings;
import static dev.kintsugi.alerting.ingest.Payloads.text;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Action;
import dev.kintsugi.alerting.AlertEvent.Item;
import dev.kintsugi.alerting.AlertEvent.Link;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager's webhook (version 4) and Grafana's variant: one event per notification, the group named by
 * {@code groupKey}, its alerts by {@code fingerprint}; refused as Alertmanager's own receivers would refuse it.
 */
public final class AlertmanagerPayloads {
    private AlertmanagerPayloads() {}

    public static AlertEvent alertmanager(String id, long integrationId, Instant now, JsonNode root, boolean grafana) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    "body", "alerting.alertmanager.object", "an Alertmanager webhook body is a JSON object");
        }
        String version = text(root.get("version"));
        if (!grafana && version != null && !version.equals("4")) {
            throw new InvalidInputException(
                    "version",
                    "alerting.alertmanager.version",
                    "only version 4 of the Alertmanager webhook is understood");
        }
        String status = text(root.get("status"));
        if (status == null || !(status.equals("firing") || status.equals("resolved"))) {
            throw new InvalidInputException("status", "alerting.alertmanager.status", "must be firing or resolved");
        }
        String groupKey = text(root.get("groupKey"));
        if (groupKey == null || groupKey.isBlank()) {
            throw new InvalidInputException("groupKey", "alerting.required", "required");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            throw new InvalidInputException("alerts", "alerting.alertmanager.noAlert", "at least one alert");
        }
        if (alerts.size() > 10_000) {
            throw new InvalidInputException(
                    "alerts", "alerting.alertmanager.tooMany", "at most 10000 alerts in one notification");
        }
        List<Item> items = new ArrayList<>();
        Set<String> hrefs = new LinkedHashSet<>();
        List<Link> links = new ArrayList<>();
        int i = 0;
        for (JsonNode a : alerts) {
            String field = "alerts[" + i++ + "]";
            if (!a.isObject()) {
                throw new InvalidInputException(
                        field, "alerting.alertmanager.alertObject", "an alert is a JSON object");
            }
            String s = text(a.get("status"));
            if (s == null || !(s.equals("firing") || s.equals("resolved"))) {
                throw new InvalidInputException(
                        field + ".status", "alerting.alertmanager.status", "must be firing or resolved");
            }
            Map<String, String> labels = strings(a.get("labels"), field + ".labels");
            Map<String, String> annotations = strings(a.get("annotations"), field + ".annotations");
            String fingerprint = text(a.get("fingerprint"));
            if (fingerprint == null || fingerprint.isBlank()) {
                fingerprint = fingerprint(labels);
            }
            String summary = first(
                    annotations.get("summary"),
                    annotations.get("description"),
                    annotations.get("message"),
                    labels.get("alertname"));
            items.add(new Item(cut(fingerprint, 255), s.equals("firing"), cut(summary, 1000), labels));
            link(links, hrefs, text(a.get("generatorURL")), "source");
            link(links, hrefs, annotations.get("runbook_url"), "runbook");
            if (grafana) {
                link(links, hrefs, text(a.get("dashboardURL")), "dashboard");
                link(links, hrefs, text(a.get("panelURL")), "panel");
                link(links, hrefs, text(a.get("silenceURL")), "silence");
            }
        }
        link(links, hrefs, text(root.get("externalURL")), grafana ? "Grafana" : "Alertmanager");
        Map<String, String> labels = new LinkedHashMap<>(strings(root.get("commonLabels"), "commonLabels"));
        labels.putAll(strings(root.get("groupLabels"), "groupLabels"));
        if (!labels.containsKey("alertname") && items.getFirst().labels().containsKey("alertname")) {
            boolean same = items.stream()
                    .allMatch(x -> items.getFirst()
                            .labels()
                            .get("alertname")
                            .equals(x.labels().get("alertname")));
            if (same) {
                labels.put("alertname", items.getFirst().labels().get("alertname"));
            }
        }
        Map<String, String> common = strings(root.get("commonAnnotations"), "commonAnnotations");
        String title = first(
                common.get("summary"),
                grafana ? text(root.get("title")) : null,
                labels.get("alertname"),
                items.getFirst().summary(),
                groupKey);
        String severity =
                first(labels.get("severity"), items.getFirst().labels().get("severity"));
        return new AlertEvent(
                id,
                integrationId,
                now,
                status.equals("firing") ? Action.TRIGGER : Action.RESOLVE,
                key(groupKey),
                cut(title, 500),
                severity,
                labels.get("service"),
                labels,
                links.size() > 20 ? links.subList(0, 20) : links,
                items,
                null,
                null);
    }
}
