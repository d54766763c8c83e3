package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** An incident's severity changed. */
public record IncidentSeverityChanged(
        long incidentId, String key, Severity from, Severity to, Instant at, Set<Long> serviceIds, Set<Long> teamIds)
        implements IncidentEvent {}
