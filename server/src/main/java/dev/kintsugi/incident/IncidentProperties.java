package dev.kintsugi.incident;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Incident settings ({@code kintsugi.incident.*}).
 *
 * @param severities what each severity means here, shown next to it when declaring; unset ones keep defaults
 */
@ConfigurationProperties("kintsugi.incident")
public record IncidentProperties(Map<Severity, String> severities) {
    private static final Map<Severity, String> DEFAULTS = Map.of(
            Severity.SEV1, "Critical: the product is down or data is at risk for many customers",
            Severity.SEV2, "Major: a core feature is broken or badly degraded for many customers",
            Severity.SEV3, "Minor: a feature is degraded, or a few customers are affected; workaround exists",
            Severity.SEV4, "Low: little customer impact; fix in working hours",
            Severity.SEV5, "Cosmetic or internal only; tracked to learn from it");

    public IncidentProperties {
        Map<Severity, String> merged = new EnumMap<>(DEFAULTS);
        if (severities != null) {
            merged.putAll(severities);
        }
        severities = Map.copyOf(merged);
    }

    public String describe(Severity severity) {
        return severities.get(severity);
    }
}
