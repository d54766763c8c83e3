package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/** A new alert group opened (its first alert arrived); {@code decision} is what it asked of on-call. */
public record AlertGroupTriggered(
        long groupId,
        long integrationId,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Severity severity,
        String title,
        Decision decision,
        Long definitionId,
        Instant at)
        implements AlertGroupEvent {}
