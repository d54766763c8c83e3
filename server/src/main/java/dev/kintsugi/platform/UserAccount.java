package dev.kintsugi.platform;

import java.time.Instant;

/** A person who can log in. Never carries the password. */
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
        Instant createdAt) {}
