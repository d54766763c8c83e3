package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;

/**
 * What is known when an incident is declared. Services are catalog names; {@code detectedAt} defaults to now;
 * {@code commander} (a username) is optional. {@code declaredAt} is for importing history (demo data, other
 * tools); people declaring now leave it null. {@code gameDayId} marks an incident declared during a game day (module
 * {@code gameday}); such incidents are rehearsals, excluded from real figures by default. Only modules set it,
 * never the public API.
 */
public record DeclareIncident(
        String title,
        String description,
        Severity severity,
        List<String> services,
        Instant impactStartedAt,
        Instant detectedAt,
        boolean privateIncident,
        String commander,
        Instant declaredAt,
        Long gameDayId) {

    /** A real incident (not declared during a game day). */
    public DeclareIncident(
            String title,
            String description,
            Severity severity,
            List<String> services,
            Instant impactStartedAt,
            Instant detectedAt,
            boolean privateIncident,
            String commander,
            Instant declaredAt) {
        this(
                title,
                description,
                severity,
                services,
                impactStartedAt,
                detectedAt,
                privateIncident,
                commander,
                declaredAt,
                null);
    }
}
