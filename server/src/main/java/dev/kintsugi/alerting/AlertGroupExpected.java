package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * An alert group opened while chaos run {@code runId} was in progress on its service: planned, so its starter
 * ({@code startedBy}) is told instead of on-call being paged ({@code kintsugi.alerting.chaos-alerts: notify-owner}).
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
        Instant at)
        implements AlertGroupEvent {}
