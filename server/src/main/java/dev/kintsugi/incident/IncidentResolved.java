package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** An incident was resolved: the post-mortem module drafts a review from it. */
public record IncidentResolved(
        long incidentId, String key, Severity severity, Instant resolvedAt, Set<Long> serviceIds, Set<Long> teamIds)
        implements IncidentEvent {}
