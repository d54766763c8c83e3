package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * An alert group opened while an expectation of {@code kind} ({@code chaos-run}: chaos run {@code runId}; other
 * kinds: their reference) was in progress on its service: planned, so its owner ({@code startedBy}) is told instead
 * of on-call being paged ({@code kintsugi.alerting.chaos-alerts: notify-owner}). {@code kind} null: chaos-run (events
 * recorded before it existed).
 */
public record AlertGroupExpected(
        long groupId,
        long integrationId,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Severity severity,
        String title,
        long runId,
        String startedBy,
        Instant at,
        String kind)
        implements AlertGroupEvent {
    public AlertGroupExpected {
        kind = kind == null ? Expectation.CHAOS_RUN : kind;
    }
}
