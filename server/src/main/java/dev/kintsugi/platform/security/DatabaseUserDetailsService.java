package dev.kintsugi.platform.security;

import dev.kintsugi.platform.persistence.UserRepository;
import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Form login against {@code platform_user}. */
@Component
class DatabaseUserDetailsService implements UserDetailsService {
    private final UserRepository users;

    DatabaseUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = users.findByUsername(username.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String hash = users.passwordHash(account.id()).orElse(null);
        if (hash == null) {
            // OIDC-only accounts have no password: form login can never succeed for them.
            throw new UsernameNotFoundException("no password login for this user");
        }
        return new KintsugiUser(account, hash);
    }
}
