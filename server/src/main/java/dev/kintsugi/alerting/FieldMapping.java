package dev.kintsugi.alerting;

import dev.kintsugi.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a generic JSON alert becomes an alert: JSONPaths for the dedup key, title, severity, status, service and
 * labels (an object of strings), and the status values that mean resolved or acknowledged (anything else
 * triggers). Stored as JSON on the integration, e.g.
 * {@code {"dedupKey":"$.id","title":"$.title","severity":"$.level","status":"$.state","resolvedValues":["ok"]}}.
 */
public record FieldMapping(
        JsonPath dedupKey,
        JsonPath title,
        JsonPath severity,
        JsonPath status,
        JsonPath service,
        JsonPath labels,
        List<String> resolvedValues,
        List<String> acknowledgedValues) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A generic alert as the mapping reads it. {@code action} is trigger, acknowledge or resolve. */
    public record Mapped(
            String dedupKey,
            String title,
            String severity,
            AlertEvent.Action action,
            String service,
            Map<String, String> labels) {}

    /** Parses and checks a mapping; 400 naming {@code field} (and the mapping's key) when it is not usable. */
    public static FieldMapping parse(String json, String field) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException(
                    field,
                    "alerting.mapping.required",
                    "a generic integration needs a mapping (at least dedupKey and title)");
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException(field, "alerting.mapping.notJson", "the mapping is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(
                    field, "alerting.mapping.object", "the mapping is a JSON object of JSONPaths");
        }
        for (String name : n.propertyNames()) {
            if (!List.of(
                            "dedupKey",
                            "title",
                            "severity",
                            "status",
                            "service",
                            "labels",
                            "resolvedValues",
                            "acknowledgedValues")
                    .contains(name)) {
                throw new InvalidInputException(
                        field + "." + name, "alerting.mapping.unknownField", "unknown mapping field", name);
            }
        }
        JsonPath dedup = path(n, "dedupKey", field, true);
        JsonPath title = path(n, "title", field, true);
        return new FieldMapping(
                dedup,
                title,
                path(n, "severity", field, false),
                path(n, "status", field, false),
                path(n, "service", field, false),
                path(n, "labels", field, false),
                values(n, "resolvedValues", field, List.of("resolved", "ok", "closed")),
                values(n, "acknowledgedValues", field, List.of("acknowledged")));
    }

    /** Reads one alert; 400 naming the mapping's field when the sample lacks a required value. */
    public Mapped apply(JsonNode body) {
        String key = text(dedupKey.read(body));
        if (key == null || key.isBlank()) {
            throw new InvalidInputException(
                    "dedupKey",
                    "alerting.mapping.noValue",
                    "no value at " + dedupKey + " in the alert",
                    dedupKey.toString());
        }
        String t = text(title.read(body));
        if (t == null || t.isBlank()) {
            throw new InvalidInputException(
                    "title", "alerting.mapping.noValue", "no value at " + title + " in the alert", title.toString());
        }
        String s = status == null ? null : text(status.read(body));
        AlertEvent.Action action = AlertEvent.Action.TRIGGER;
        if (s != null && resolvedValues.contains(s.toLowerCase(Locale.ROOT))) {
            action = AlertEvent.Action.RESOLVE;
        } else if (s != null && acknowledgedValues.contains(s.toLowerCase(Locale.ROOT))) {
            action = AlertEvent.Action.ACKNOWLEDGE;
        }
        Map<String, String> l = new LinkedHashMap<>();
        JsonNode labelNode = labels == null ? null : labels.read(body);
        if (labelNode != null && labelNode.isObject()) {
            for (var e : labelNode.properties()) {
                String v = text(e.getValue());
                if (v != null) {
                    l.put(e.getKey(), v);
                }
            }
        }
        return new Mapped(
                key,
                t,
                severity == null ? null : text(severity.read(body)),
                action,
                service == null ? null : text(service.read(body)),
                l);
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return null;
        }
        return n.isValueNode() ? n.asString() : n.toString();
    }

    private static JsonPath path(JsonNode n, String name, String field, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException(field + "." + name, "alerting.required", "required");
            }
            return null;
        }
        if (!v.isString()) {
            throw new InvalidInputException(field + "." + name, "alerting.mapping.jsonpath", "a JSONPath, like $.id");
        }
        try {
            return JsonPath.parse(v.asString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field + "." + name, "alerting.mapping.badJsonpath", e.getMessage(), e.getMessage());
        }
    }

    private static List<String> values(JsonNode n, String name, String field, List<String> defaults) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return defaults;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(
                    field + "." + name, "alerting.mapping.statusValues", "a list of status values");
        }
        return v.valueStream().map(x -> x.asString().toLowerCase(Locale.ROOT)).toList();
    }
}
