package dev.kintsugi.alerting.ingest;

import static dev.kintsugi.alerting.ingest.Payloads.cut;
import static dev.kintsugi.alerting.ingest.Payloads.first;
import static dev.kintsugi.alerting.ingest.Payloads.key;
import static dev.kintsugi.alerting.ingest.Payloads.text;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie Alert API v2 (create, acknowledge, close, add note; {@code alias} as the dedup key): the checks and
 * error texts of that API, returned for Opsgenie's own 422 body (its senders parse it: the texts stay English).
 */
public final class OpsgenieAlerts {
    private static final Set<String> OG_PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

    private OpsgenieAlerts() {}

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
}
