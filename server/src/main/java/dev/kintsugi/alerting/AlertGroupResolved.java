package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/** An alert group was resolved: by its sender (a resolve event) or by a person ({@code username}, else null). */
public record AlertGroupResolved(
        long groupId,
        long integrationId,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Severity severity,
        String title,
        String username,
        Instant at)
        implements AlertGroupEvent {}
