package dev.kintsugi.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting right now: the logged-in user, or {@code system} for jobs and start-up work. */
public final class Actor {
    public static final String SYSTEM = "system";

    private Actor() {}

    public static String current() {
        return authenticated().orElse(SYSTEM);
    }

    public static Optional<String> authenticated() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            return Optional.empty();
        }
        return Optional.of(auth.getName());
    }

    /**
     * Runs {@code work} as {@code username} with {@code role}, for work done on someone's behalf outside a request
     * (demo data, imports). The previous security context is restored afterwards.
     */
    public static <T> T runAs(String username, Role role, java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        null,
                        java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                role.authority()))));
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
                .map(a -> a.getAuthority())
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
}
