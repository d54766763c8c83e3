package dev.kintsugi.incident;

import java.time.Instant;

/** A resolved incident was reopened. */
public record IncidentReopened(long incidentId, String key, String reason, Instant at) {}
