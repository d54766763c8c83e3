package dev.kintsugi.incident;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Incident settings ({@code kintsugi.incident.*}).
 *
 * @param severities what each severity means here, shown next to it when declaring; unset ones keep the
 *     bundle's text ({@code incident.severity.SEV1.description}...) in the reader's language
 */
@ConfigurationProperties("kintsugi.incident")
public record IncidentProperties(Map<Severity, String> severities) {
    public IncidentProperties {
        Map<Severity, String> configured = new EnumMap<>(Severity.class);
        if (severities != null) {
            severities.forEach((s, text) -> {
                if (text != null && !text.isBlank()) {
                    configured.put(s, text);
                }
            });
        }
        severities = Map.copyOf(configured);
    }

    /** The configured meaning of {@code severity}, or null to use the bundle's. */
    public String describe(Severity severity) {
        return severities.get(severity);
    }
}
