package dev.kintsugi.alerting;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        Expectation expected,
        long version) {

    /**
     * The chaos run the alert was expected from: {@code expected.reference} when its kind is {@code chaos-run}.
     *
     * @deprecated read {@code expected} (any kind); kept for the API's former readers
     */
    @Deprecated
    @JsonProperty("expectedRunId")
    public Long expectedRunId() {
        return expected != null && Expectation.CHAOS_RUN.equals(expected.kind()) ? expected.reference() : null;
    }

    /**
     * Who is told instead of on-call.
     *
     * @deprecated read {@code expected.owner}
     */
    @Deprecated
    @JsonProperty("expectedBy")
    public String expectedBy() {
        return expected == null ? null : expected.owner();
    }
}
