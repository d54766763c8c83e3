package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An alert group as pages and the API show it. */
public record AlertGroupView(
        long id,
        long integrationId,
        String dedupKey,
        GroupStatus status,
        String title,
        String sourceSeverity,
        Severity severity,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Long definitionId,
        Map<String, String> labels,
        List<AlertEvent.Link> links,
        Instant firstAt,
        Instant lastAt,
        int repeatCount,
        boolean flapping,
        String suppressedBy,
        Decision decision,
        String incidentKey,
        String acknowledgedBy,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Long expectedRunId,
        String expectedBy,
        long version) {

    /** Whether the alert came while a chaos run was in progress on its service (planned, not a surprise). */
    public boolean expected() {
        return expectedRunId != null;
    }
}
