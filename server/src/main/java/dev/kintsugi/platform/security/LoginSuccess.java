package dev.kintsugi.platform.security;

import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a login (form or OIDC): the session remembers the account's session epoch (see {@link AccountSessions})
 * and the browser goes back to the page it asked for, by a relative redirect.
 */
class LoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {
    private final UserManagement users;
    private final LoginThrottle throttle;

    LoginSuccess(UserManagement users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
        setDefaultTargetUrl("/");
        setRedirectStrategy(new RelativeRedirects());
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws ServletException, IOException {
        users.find(auth.getName()).ifPresent(account -> AccountSessions.stamp(request.getSession(), account));
        throttle.succeeded(auth.getName());
        super.onAuthenticationSuccess(request, response, auth);
    }
}
