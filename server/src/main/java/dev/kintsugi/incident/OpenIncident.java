package dev.kintsugi.incident;

import java.time.Instant;
import java.util.List;

/** An incident not yet resolved, as other modules' safety checks see it (chaos guardrails, alert routing). */
public record OpenIncident(
        long id,
        String key,
        String title,
        Severity severity,
        IncidentStatus status,
        Instant declaredAt,
        List<Long> serviceIds) {
    public OpenIncident {
        serviceIds = List.copyOf(serviceIds);
    }

    public OpenIncident withServiceIds(List<Long> ids) {
        return new OpenIncident(id, key, title, severity, status, declaredAt, ids);
    }
}
