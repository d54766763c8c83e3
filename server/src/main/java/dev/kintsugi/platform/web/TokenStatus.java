package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ApiToken;
import java.time.Instant;

/** Whether a personal API token still works, as shown in lists. */
public enum TokenStatus {
    ACTIVE,
    EXPIRED,
    REVOKED;

    static TokenStatus of(ApiToken t, Instant now) {
        if (t.revokedAt() != null) {
            return REVOKED;
        }
        return t.activeAt(now) ? ACTIVE : EXPIRED;
    }
}
