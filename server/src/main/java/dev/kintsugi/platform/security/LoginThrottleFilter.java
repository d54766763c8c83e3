package dev.kintsugi.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt the {@link LoginThrottle} says must wait, before the password is checked: back to the
 * login page with the number of seconds to wait. Also provides the failure handler that counts a wrong password.
 */
class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;
    private final RelativeRedirects redirects = new RelativeRedirects();

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !"/login"
                        .equals(request.getRequestURI()
                                .substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var wait = throttle.wait(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isPresent()) {
            redirects.sendRedirect(request, response, "/login?throttled=" + seconds(wait.get()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts the wrong password, then shows the login page with its error. */
    AuthenticationFailureHandler failureHandler() {
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        failure.setRedirectStrategy(redirects);
        return (request, response, e) -> {
            throttle.failed(request.getParameter("username"), request.getRemoteAddr());
            failure.onAuthenticationFailure(request, response, e);
        };
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
