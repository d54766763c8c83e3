package dev.kintsugi.alerting.ingest;

import static dev.kintsugi.alerting.ingest.Payloads.cut;
import static dev.kintsugi.alerting.ingest.Payloads.first;
import static dev.kintsugi.alerting.ingest.Payloads.key;
import static dev.kintsugi.alerting.ingest.Payloads.link;
import static dev.kintsugi.alerting.ingest.Payloads.text;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Action;
import dev.kintsugi.alerting.AlertEvent.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty Events API v2 (alert and change events): the checks and error texts of that API, returned as a list
 * for PagerDuty's own error body (its senders parse it: the texts stay PagerDuty's English).
 */
public final class PagerDutyEvents {
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");

    private PagerDutyEvents() {}

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
}
