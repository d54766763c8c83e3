package dev.kintsugi.incident;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What each severity means, in the reader's language: the configured text ({@code kintsugi.incident.severities})
 * where there is one, else the bundle's.
 */
@Component
public class SeverityTexts {
    private final IncidentProperties properties;
    private final MessageSource messages;

    SeverityTexts(IncidentProperties properties, MessageSource messages) {
        this.properties = properties;
        this.messages = messages;
    }

    public String describe(Severity severity) {
        String configured = properties.describe(severity);
        return configured != null
                ? configured
                : messages.getMessage(
                        "incident.severity." + severity.name() + ".description",
                        null,
                        severity.name(),
                        LocaleContextHolder.getLocale());
    }

    public Map<Severity, String> all() {
        Map<Severity, String> all = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            all.put(s, describe(s));
        }
        return all;
    }
}
