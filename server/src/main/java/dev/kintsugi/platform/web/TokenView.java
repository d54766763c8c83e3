package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ApiToken;
import java.time.Instant;

/**
 * A personal API token as the API lists it: its first characters to recognise it, never its value or hash.
 * {@code value} is present only in the answer to its creation.
 */
public record TokenView(
        long id,
        String owner,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        TokenStatus status,
        String value) {

    static TokenView of(ApiToken t, Instant now) {
        return of(t, now, null);
    }

    static TokenView of(ApiToken t, Instant now, String value) {
        return new TokenView(
                t.id(),
                t.username(),
                t.name(),
                t.prefix(),
                t.createdAt(),
                t.expiresAt(),
                t.lastUsedAt(),
                t.revokedAt(),
                TokenStatus.of(t, now),
                value);
    }
}
