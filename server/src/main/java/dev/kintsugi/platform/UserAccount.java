package dev.kintsugi.platform;

import java.time.Instant;

/**
 * A person who can log in. Never carries the password.
 *
 * @param version grows on every change of the account (see {@link Versions})
 * @param sessionEpoch grows whenever the account's open web sessions must end; a session opened at an older epoch
 *     is over on its next request
 */
public record UserAccount(
        long id,
        String username,
        String displayName,
        String email,
        Role role,
        boolean enabled,
        boolean mustChangePassword,
        String timeZone,
        String locale,
        Instant createdAt,
        long version,
        long sessionEpoch) {}
