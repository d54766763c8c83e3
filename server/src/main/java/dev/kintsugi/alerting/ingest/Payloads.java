package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Link;
import dev.kintsugi.alerting.FieldMapping;
import dev.kintsugi.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads what each sender posts into {@link AlertEvent}s, refusing what its own tool would refuse: one class per
 * sender ({@link AlertmanagerPayloads}, {@link PagerDutyEvents}, {@link OpsgenieAlerts}); here generic JSON,
 * read through the integration's {@link FieldMapping}, and what they all use (dedup keys, fingerprints, text).
 */
public final class Payloads {
    private Payloads() {}

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

    static Map<String, String> strings(JsonNode n, String field) {
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

    static void link(List<Link> links, Set<String> seen, String href, String text) {
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

    static String first(String... values) {
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
