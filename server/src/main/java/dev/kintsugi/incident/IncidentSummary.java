package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;

/** A row of the incident list. */
public record IncidentSummary(
        long id,
        String key,
        String title,
        Severity severity,
        IncidentStatus status,
        boolean privateIncident,
        String commander,
        Instant declaredAt,
        Instant resolvedAt,
        List<String> services,
        Long gameDayId) {}
