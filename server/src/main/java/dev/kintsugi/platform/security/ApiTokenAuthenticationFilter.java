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
 * with 401 at once (not treated as anonymous), so a client learns its token is bad; an address that keeps sending
 * wrong tokens gets 429 with {@code Retry-After} for them for a while (the login throttle's address limit); a valid
 * token always works.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final ProblemSecurityHandlers problems;
    private final LoginThrottle throttle;

    ApiTokenAuthenticationFilter(ApiTokens tokens, ProblemSecurityHandlers problems, LoginThrottle throttle) {
        this.tokens = tokens;
        this.problems = problems;
        this.throttle = throttle;
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
            // A valid token always works; wrong ones, once an address has sent too many, get 429 for a while.
            var wait = throttle.waitForAddress(request.getRemoteAddr());
            if (wait.isPresent()) {
                problems.tooManyRequests(
                        request,
                        response,
                        LoginThrottleFilter.seconds(wait.get()),
                        "Too many unknown API tokens from your address");
                return;
            }
            throttle.failedToken(request.getRemoteAddr());
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
