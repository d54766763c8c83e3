package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Source severities to incident severities. The default reads the usual words of Alertmanager rules, PagerDuty and
 * Opsgenie ({@code critical} → SEV2, {@code error} → SEV3, {@code warning} → SEV4, {@code info} → SEV5, Opsgenie's
 * {@code P1}–{@code P5} → SEV1–SEV5); anything else is SEV3. A definition's mapping is written
 * {@code critical=SEV1, warning=SEV3}.
 */
public final class SeverityMapping {
    public static final Function<String, Severity> DEFAULT = s -> {
        if (s == null) {
            return Severity.SEV3;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "p1", "sev1", "page", "disaster" -> Severity.SEV1;
            case "critical", "crit", "p2", "sev2", "high" -> Severity.SEV2;
            case "error", "err", "major", "p3", "sev3", "average" -> Severity.SEV3;
            case "warning", "warn", "minor", "p4", "sev4", "medium" -> Severity.SEV4;
            case "info", "informational", "low", "p5", "sev5", "none", "ok" -> Severity.SEV5;
            default -> Severity.SEV3;
        };
    };

    private SeverityMapping() {}

    public static Map<String, Severity> parse(String text, String field) {
        Map<String, Severity> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        if (text.length() > 500) {
            throw new InvalidInputException(field, "alerting.tooLong", "at most 500 characters", 500);
        }
        for (String pair : text.split("[,\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new InvalidInputException(
                        field,
                        "alerting.severityMapping.pairs",
                        "write source=SEVn pairs, like critical=SEV1, warning=SEV3");
            }
            try {
                out.put(
                        kv[0].trim().toLowerCase(Locale.ROOT),
                        Severity.valueOf(kv[1].trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        field,
                        "alerting.severityMapping.severity",
                        "not a severity: " + kv[1].trim() + " (SEV1 to SEV5)",
                        kv[1].trim());
            }
        }
        return out;
    }

    public static String format(Map<String, Severity> mapping) {
        return mapping.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().name())
                .collect(Collectors.joining(", "));
    }
}
