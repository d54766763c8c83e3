package dev.kintsugi.platform;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting right now: the logged-in user, or the {@code system} when work that no person asked for (jobs,
 * start-up, event listeners) explicitly said so with {@link #runAsSystem(String, Supplier)}. The system sees
 * everything, and the audit log records the reason it gave. A call with nobody behind it that did not ask to act as
 * the system is refused: it would otherwise act with full visibility by accident.
 */
public final class Actor {
    public static final String SYSTEM = "system";

    private Actor() {}

    /**
     * The acting username: the authenticated user, or {@link #SYSTEM} inside {@link #runAsSystem}.
     *
     * @throws IllegalStateException when nobody is authenticated and the caller did not ask to act as the system
     */
    public static String current() {
        if (isSystem()) {
            return SYSTEM;
        }
        return authenticated()
                .orElseThrow(() -> new IllegalStateException("No authenticated user: work that no person asked for"
                        + " must say why it acts, with Actor.runAsSystem(reason, work)"));
    }

    /** The authenticated person, if any (never the system). */
    public static Optional<String> authenticated() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof SystemAuthentication
                || "anonymousUser".equals(auth.getName())) {
            return Optional.empty();
        }
        return Optional.of(auth.getName());
    }

    /** True inside {@link #runAsSystem(String, Supplier)}. */
    public static boolean isSystem() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SystemAuthentication;
    }

    /** Why the system is acting (inside {@link #runAsSystem}), for the audit log. */
    public static Optional<String> systemReason() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SystemAuthentication s
                ? Optional.of(s.reason())
                : Optional.empty();
    }

    /**
     * Runs {@code work} as the system, for {@code reason} (written with every audit entry made meanwhile), with full
     * visibility and the rights of an admin. The previous security context is restored afterwards.
     */
    public static <T> T runAsSystem(String reason, Supplier<T> work) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("acting as the system needs a reason");
        }
        return runWith(new SystemAuthentication(reason.trim()), work);
    }

    /** {@link #runAsSystem(String, Supplier)} for work without a result. */
    public static void runAsSystem(String reason, Runnable work) {
        runAsSystem(reason, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} as {@code username} with {@code role}, for work done on someone's behalf outside a request
     * (demo data, imports, a digest built with the reader's rights). The previous security context is restored
     * afterwards.
     */
    public static <T> T runAs(String username, Role role, Supplier<T> work) {
        return runWith(
                UsernamePasswordAuthenticationToken.authenticated(
                        username, null, List.of(new SimpleGrantedAuthority(role.authority()))),
                work);
    }

    private static <T> T runWith(Authentication authentication, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static boolean hasRole(Role role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> {
                    try {
                        return Role.valueOf(a.substring(5));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                })
                .anyMatch(r -> r != null && r.includes(role));
    }

    /** The system acting for a stated reason, with an admin's rights. */
    private static final class SystemAuthentication extends AbstractAuthenticationToken {
        private static final Collection<GrantedAuthority> AUTHORITIES =
                List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()));
        private final String reason;

        SystemAuthentication(String reason) {
            super(AUTHORITIES);
            this.reason = Objects.requireNonNull(reason);
            setAuthenticated(true);
        }

        String reason() {
            return reason;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return SYSTEM;
        }

        @Override
        public String getName() {
            return SYSTEM;
        }
    }
}
