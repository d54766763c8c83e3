package dev.kintsugi.platform;

import java.time.Instant;

/** Filters for the audit log; every field is optional. {@code action} matches a prefix ("incident." finds all). */
public record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
