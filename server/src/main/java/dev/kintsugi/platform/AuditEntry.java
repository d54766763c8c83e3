package dev.kintsugi.platform;

import java.time.Instant;

/** One line of the append-only audit log: who did what to which thing, when, and the state before/after (JSON). */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        String targetId,
        String summary,
        String before,
        String after) {}
