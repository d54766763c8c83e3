package dev.kintsugi.platform.web;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserAccount;
import java.time.Instant;

/** A user account as the API shows it: never a password or its hash. {@code version} is also its ETag. */
public record AccountView(
        String username,
        String displayName,
        String email,
        Role role,
        boolean enabled,
        boolean mustChangePassword,
        String timeZone,
        String locale,
        Instant createdAt,
        long version) {

    static AccountView of(UserAccount u) {
        return new AccountView(
                u.username(),
                u.displayName(),
                u.email(),
                u.role(),
                u.enabled(),
                u.mustChangePassword(),
                u.timeZone(),
                u.locale(),
                u.createdAt(),
                u.version());
    }

    /** The account as an answer, with its version as the ETag (see {@link dev.kintsugi.platform.Versions}). */
    static org.springframework.http.ResponseEntity<AccountView> withETag(UserAccount u) {
        AccountView view = of(u);
        return org.springframework.http.ResponseEntity.ok()
                .eTag(dev.kintsugi.platform.Versions.etag(view.version()))
                .body(view);
    }
}
