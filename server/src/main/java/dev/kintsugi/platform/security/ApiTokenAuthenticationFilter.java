package dev.kintsugi.platform.security;

import dev.kintsugi.platform.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} with a personal API token. A wrong token is answered
 * with 401 at once (not treated as anonymous), so a client learns its token is bad.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final ProblemSecurityHandlers problems;

    ApiTokenAuthenticationFilter(ApiTokens tokens, ProblemSecurityHandlers problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var user = tokens.authenticate(header.substring(7).trim());
        if (user.isEmpty()) {
            problems.unauthorized(request, response, "The API token is unknown, expired or revoked");
            return;
        }
        var auth = UsernamePasswordAuthenticationToken.authenticated(
                user.get().username(), null, KintsugiUser.authorities(user.get()));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
