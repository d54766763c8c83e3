package dev.kintsugi.platform.web;

import dev.kintsugi.platform.Role;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;

/**
 * The role a refused request needed, read from Spring Security's decision: a page rule such as
 * {@code hasRole('RESPONDER')} on a controller, or a URL rule ({@code /admin/**} needs ADMIN). The lowest role
 * named wins: it is the one the person lacks.
 */
final class RequiredRole {
    private static final Pattern NAMED = Pattern.compile("(?:ROLE_|hasRole\\(')([A-Z_]+)");

    private RequiredRole() {}

    static Optional<Role> of(Object refusal) {
        if (!(refusal instanceof AuthorizationDeniedException denied)) {
            return Optional.empty();
        }
        AuthorizationResult result = denied.getAuthorizationResult();
        String rule = switch (result) {
            case ExpressionAuthorizationDecision e -> e.getExpression().getExpressionString();
            case AuthorityAuthorizationDecision a -> a.getAuthorities().toString();
            case null -> "";
            default -> result.toString();
        };
        Role lowest = null;
        Matcher m = NAMED.matcher(rule);
        while (m.find()) {
            Role r = role(m.group(1));
            if (r != null && (lowest == null || lowest.includes(r))) {
                lowest = r;
            }
        }
        return Optional.ofNullable(lowest);
    }

    private static Role role(String name) {
        for (Role r : Role.values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
