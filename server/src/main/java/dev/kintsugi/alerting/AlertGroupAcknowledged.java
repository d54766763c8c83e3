package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/** Someone (or the sender, or the incident it belongs to) acknowledged an alert group. */
public record AlertGroupAcknowledged(
        long groupId,
        long integrationId,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Severity severity,
        String title,
        String username,
        Instant at)
        implements AlertGroupEvent {}
