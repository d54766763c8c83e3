package dev.kintsugi.incident;

import java.time.Instant;

/** An incident was closed, for good. */
public record IncidentClosed(long incidentId, String key, ClosureReason reason, Long duplicateOf, Instant closedAt) {}
