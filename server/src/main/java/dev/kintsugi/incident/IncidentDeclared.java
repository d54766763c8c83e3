package dev.kintsugi.incident;

import java.time.Instant;

/** An incident was declared. */
public record IncidentDeclared(long incidentId, String key, Severity severity, String title, Instant declaredAt) {}
