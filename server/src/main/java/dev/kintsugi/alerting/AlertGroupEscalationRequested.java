package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Routing decided that this alert group pages on-call ({@link Decision#PAGE}). The on-call module pages from it
 * (idempotent per group); {@code incidentKey} is the incident it opened or joined, if any.
 */
public record AlertGroupEscalationRequested(
        long groupId,
        long integrationId,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Severity severity,
        String title,
        String incidentKey,
        Instant at)
        implements AlertGroupEvent {}
