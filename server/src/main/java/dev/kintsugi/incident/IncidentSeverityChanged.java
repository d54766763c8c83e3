package dev.kintsugi.incident;

import java.time.Instant;

/** An incident's severity changed. */
public record IncidentSeverityChanged(long incidentId, String key, Severity from, Severity to, Instant at) {}
