package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Action;
import dev.kintsugi.alerting.AlertEvent.Item;
import dev.kintsugi.alerting.AlertEvent.Link;
import dev.kintsugi.alerting.FieldMapping;
import dev.kintsugi.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads what each sender posts into {@link AlertEvent}s, refusing what its own tool would refuse. Alertmanager
 * (and Grafana's variant): one event per notification, the group named by {@code groupKey}, its alerts by
 * {@code fingerprint}. PagerDuty Events v2 and Opsgenie Alert API v2: the checks and error texts of those APIs,
 * returned as lists for their own error bodies. Generic JSON: the integration's {@link FieldMapping}.
 */
public final class Payloads {
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> OG_PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

    private Payloads() {}

    // ---- Alertmanager webhook v4, Grafana ----

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

    // ---- PagerDuty Events API v2 ----

    /** The event, or the errors PagerDuty would answer with (400 {status, message, errors}). */
    public record PagerDutyResult(AlertEvent event, List<String> errors) {}

    public static PagerDutyResult pagerDuty(String id, long integrationId, Instant now, JsonNode root) {
        List<String> errors = new ArrayList<>();
        String action = text(root.get("event_action"));
        if (action == null || action.isBlank()) {
            errors.add("'event_action' is missing or blank");
        } else if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' is invalid (expected trigger, acknowledge or resolve)");
        }
        String dedup = text(root.get("dedup_key"));
        if (dedup != null && dedup.length() > 255) {
            errors.add("'dedup_key' is longer than 255 characters");
        }
        if (!"trigger".equals(action) && action != null && (dedup == null || dedup.isBlank())) {
            errors.add("'dedup_key' is missing or blank");
        }
        JsonNode payload = root.get("payload");
        String summary = null;
        String severity = null;
        Map<String, String> labels = new LinkedHashMap<>();
        if ("trigger".equals(action)) {
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is missing or blank");
            } else {
                summary = text(payload.get("summary"));
                if (summary == null || summary.isBlank()) {
                    errors.add("'payload.summary' is missing or blank");
                }
                String source = text(payload.get("source"));
                if (source == null || source.isBlank()) {
                    errors.add("'payload.source' is missing or blank");
                }
                severity = text(payload.get("severity"));
                if (severity == null || severity.isBlank()) {
                    errors.add("'payload.severity' is missing or blank");
                } else if (!PD_SEVERITIES.contains(severity)) {
                    errors.add("'payload.severity' is invalid (expected critical, error, warning or info)");
                }
                String timestamp = text(payload.get("timestamp"));
                if (timestamp != null && !timestamp.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?")) {
                    errors.add("'payload.timestamp' is not an ISO 8601 date");
                }
                for (String f : List.of("source", "component", "group", "class")) {
                    String v = text(payload.get(f));
                    if (v != null) {
                        labels.put(f, cut(v, 255));
                    }
                }
                JsonNode details = payload.get("custom_details");
                if (details != null && details.isObject()) {
                    for (var e : details.properties()) {
                        if (labels.size() < 100) {
                            labels.put(cut(e.getKey(), 100), cut(text(e.getValue()), 500));
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new PagerDutyResult(null, errors);
        }
        List<Link> links = new ArrayList<>();
        Set<String> hrefs = new LinkedHashSet<>();
        JsonNode l = root.get("links");
        if (l != null && l.isArray()) {
            for (JsonNode x : l) {
                link(links, hrefs, text(x.get("href")), first(text(x.get("text")), "link"));
            }
        }
        JsonNode images = root.get("images");
        if (images != null && images.isArray()) {
            for (JsonNode x : images) {
                link(links, hrefs, first(text(x.get("href")), text(x.get("src"))), first(text(x.get("alt")), "image"));
            }
        }
        link(links, hrefs, text(root.get("client_url")), first(text(root.get("client")), "client"));
        String key = dedup == null || dedup.isBlank() ? id.replace("-", "") : dedup;
        Action a = switch (action) {
            case "trigger" -> Action.TRIGGER;
            case "acknowledge" -> Action.ACKNOWLEDGE;
            default -> Action.RESOLVE;
        };
        return new PagerDutyResult(
                new AlertEvent(
                        id,
                        integrationId,
                        now,
                        a,
                        key,
                        summary == null ? null : cut(summary, 1024),
                        severity,
                        labels.get("component"),
                        labels,
                        links.size() > 20 ? links.subList(0, 20) : links,
                        List.of(),
                        null,
                        null),
                List.of());
    }

    /** A PagerDuty change event: recorded, resolved at once, never pages. */
    public static PagerDutyResult pagerDutyChange(String id, long integrationId, Instant now, JsonNode root) {
        List<String> errors = new ArrayList<>();
        JsonNode payload = root.get("payload");
        String summary = payload == null ? null : text(payload.get("summary"));
        if (payload == null || !payload.isObject()) {
            errors.add("'payload' is missing or blank");
        } else if (summary == null || summary.isBlank()) {
            errors.add("'payload.summary' is missing or blank");
        }
        if (!errors.isEmpty()) {
            return new PagerDutyResult(null, errors);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kind", "change");
        String source = text(payload.get("source"));
        if (source != null) {
            labels.put("source", cut(source, 255));
        }
        List<Link> links = new ArrayList<>();
        JsonNode l = root.get("links");
        if (l != null && l.isArray()) {
            Set<String> hrefs = new LinkedHashSet<>();
            for (JsonNode x : l) {
                link(links, hrefs, text(x.get("href")), first(text(x.get("text")), "link"));
            }
        }
        return new PagerDutyResult(
                new AlertEvent(
                        id,
                        integrationId,
                        now,
                        Action.CHANGE,
                        "change:" + id,
                        cut(summary, 1024),
                        "info",
                        null,
                        labels,
                        links,
                        List.of(),
                        null,
                        null),
                List.of());
    }

    // ---- Opsgenie Alert API v2 ----

    /** The event, or Opsgenie's 422 errors (field → message). */
    public record OpsgenieResult(AlertEvent event, Map<String, String> errors) {}

    public static OpsgenieResult opsgenieCreate(String id, long integrationId, Instant now, JsonNode root) {
        Map<String, String> errors = new LinkedHashMap<>();
        String message = text(root.get("message"));
        if (message == null || message.isBlank()) {
            errors.put("message", "Message can not be empty.");
        }
        String alias = text(root.get("alias"));
        if (alias != null && alias.length() > 512) {
            errors.put("alias", "Alias can not be longer than 512 characters.");
        }
        String priority = text(root.get("priority"));
        if (priority != null && !OG_PRIORITIES.contains(priority)) {
            errors.put("priority", "Priority should be one of [P1, P2, P3, P4, P5]");
        }
        if (!errors.isEmpty()) {
            return new OpsgenieResult(null, errors);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode details = root.get("details");
        if (details != null && details.isObject()) {
            for (var e : details.properties()) {
                if (labels.size() < 100) {
                    labels.put(cut(e.getKey(), 100), cut(text(e.getValue()), 500));
                }
            }
        }
        for (String f : List.of("entity", "source")) {
            String v = text(root.get(f));
            if (v != null) {
                labels.put(f, cut(v, 255));
            }
        }
        JsonNode tags = root.get("tags");
        if (tags != null && tags.isArray()) {
            List<String> t = new ArrayList<>();
            tags.forEach(x -> t.add(text(x)));
            labels.put("tags", cut(String.join(",", t), 500));
        }
        String key = alias == null || alias.isBlank() ? "og:" + id : key(alias);
        return new OpsgenieResult(
                new AlertEvent(
                        id,
                        integrationId,
                        now,
                        Action.TRIGGER,
                        key,
                        cut(message, 130),
                        priority == null ? "P3" : priority,
                        labels.get("service"),
                        labels,
                        List.of(),
                        List.of(),
                        cut(first(text(root.get("note")), text(root.get("description"))), 4000),
                        cut(text(root.get("user")), 64)),
                Map.of());
    }

    /** Acknowledge, close or add a note to the alert with this alias. */
    public static OpsgenieResult opsgenieAction(
            String id, long integrationId, Instant now, String alias, Action action, JsonNode root) {
        Map<String, String> errors = new LinkedHashMap<>();
        String note = root == null ? null : text(root.get("note"));
        if (action == Action.NOTE && (note == null || note.isBlank())) {
            errors.put("note", "Note can not be empty.");
        }
        if (alias == null || alias.isBlank() || alias.length() > 512) {
            errors.put("identifier", "Identifier is not valid.");
        }
        if (!errors.isEmpty()) {
            return new OpsgenieResult(null, errors);
        }
        return new OpsgenieResult(
                new AlertEvent(
                        id,
                        integrationId,
                        now,
                        action,
                        key(alias),
                        null,
                        null,
                        null,
                        Map.of(),
                        List.of(),
                        List.of(),
                        cut(note, 4000),
                        root == null ? null : cut(text(root.get("user")), 64)),
                Map.of());
    }

    // ---- generic ----

    public static AlertEvent generic(String id, long integrationId, Instant now, JsonNode root, FieldMapping mapping) {
        FieldMapping.Mapped m = mapping.apply(root);
        Map<String, String> labels = new LinkedHashMap<>(m.labels());
        if (m.severity() != null) {
            labels.putIfAbsent("severity", m.severity());
        }
        return new AlertEvent(
                id,
                integrationId,
                now,
                m.action(),
                key(m.dedupKey()),
                cut(m.title(), 500),
                m.severity(),
                m.service(),
                labels,
                List.of(),
                List.of(),
                null,
                null);
    }

    // ---- helpers ----

    /** A dedup key as stored: as sent when it fits, else its SHA-256 (still stable for the same key). */
    static String key(String raw) {
        if (raw.length() <= 255) {
            return raw;
        }
        return "sha256:" + IntegrationKeys.hash(raw);
    }

    /** Alertmanager's fingerprint is a hash of the sorted labels; one of our own when the sender sent none. */
    static String fingerprint(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(labels)
                .forEach((k, v) -> b.append(k).append('\u00ff').append(v).append('\u00ff'));
        return IntegrationKeys.hash(b.toString()).substring(0, 16);
    }

    private static Map<String, String> strings(JsonNode n, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new InvalidInputException(field, "alerting.strings", "an object of strings");
        }
        for (var e : n.properties()) {
            if (out.size() >= 200) {
                break;
            }
            out.put(cut(e.getKey(), 200), cut(text(e.getValue()), 2000));
        }
        return out;
    }

    private static void link(List<Link> links, Set<String> seen, String href, String text) {
        if (href == null || href.isBlank() || href.length() > 2000) {
            return;
        }
        String h = href.trim();
        if (!(h.startsWith("http://") || h.startsWith("https://")) || !seen.add(h)) {
            return;
        }
        links.add(new Link(h, cut(text, 200)));
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.isValueNode() ? n.asString() : n.toString();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
