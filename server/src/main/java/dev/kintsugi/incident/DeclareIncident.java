package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;

/**
 * What is known when an incident is declared. Services are catalog names; {@code detectedAt} defaults to now;
 * {@code commander} (a username) is optional. {@code declaredAt} is for importing history (demo data, other
 * tools); people declaring now leave it null.
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
        Instant declaredAt) {}
