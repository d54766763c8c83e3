package dev.kintsugi.platform;

import java.time.Instant;

/** A personal API token as listed: never its secret value, only the first characters to recognise it. */
public record ApiToken(
        long id,
        String username,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
