package dev.kintsugi.platform.security;

import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A web session follows its account on every request: the role is the account's current one (a demotion takes
 * effect at once), and a session opened before the account's sessions were ended (password change, disabling,
 * "log out everywhere") is over: it is invalidated and the request goes on as anonymous, so the page asks for a
 * login again. The account is the one read once per request anyway ({@link UserManagement#viewer()}).
 */
public class AccountSessions extends OncePerRequestFilter {
    /** The session attribute holding the account's session epoch when the session was opened. */
    static final String EPOCH = AccountSessions.class.getName() + ".epoch";

    private final UserManagement users;

    AccountSessions(UserManagement users) {
        this.users = users;
    }

    /** Marks the session as opened at the account's current epoch: at login, and after a password change. */
    public static void stamp(HttpSession session, UserAccount account) {
        session.setAttribute(EPOCH, account.sessionEpoch());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof AnonymousAuthenticationToken
                || session == null) {
            chain.doFilter(request, response);
            return;
        }
        UserAccount account = users.viewer().orElse(null);
        if (account == null
                || !account.enabled()
                || !(session.getAttribute(EPOCH) instanceof Long epoch)
                || epoch != account.sessionEpoch()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            chain.doFilter(request, response);
            return;
        }
        Set<String> current = AuthorityUtils.authorityListToSet(KintsugiUser.authorities(account));
        if (!AuthorityUtils.authorityListToSet(auth.getAuthorities()).containsAll(current)
                || !current.containsAll(roles(auth))) {
            SecurityContextHolder.getContext().setAuthentication(withAuthorities(auth, account));
        }
        chain.doFilter(request, response);
    }

    /** The role authorities of a login (an OIDC login also carries scope authorities, which stay). */
    private static Set<String> roles(Authentication auth) {
        Set<String> roles = new HashSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority() != null && a.getAuthority().startsWith("ROLE_")) {
                roles.add(a.getAuthority());
            }
        }
        return roles;
    }

    private static Authentication withAuthorities(Authentication auth, UserAccount account) {
        var authorities = new java.util.ArrayList<GrantedAuthority>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (a.getAuthority() == null || !a.getAuthority().startsWith("ROLE_")) {
                authorities.add(a);
            }
        }
        authorities.addAll(KintsugiUser.authorities(account));
        AbstractAuthenticationToken updated =
                UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, authorities);
        updated.setDetails(auth.getDetails());
        return updated;
    }
}
