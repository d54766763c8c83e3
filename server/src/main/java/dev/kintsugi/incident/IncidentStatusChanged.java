package dev.kintsugi.incident;

import java.time.Instant;

/** An incident moved from one status to another. */
public record IncidentStatusChanged(long incidentId, String key, IncidentStatus from, IncidentStatus to, Instant at) {}
