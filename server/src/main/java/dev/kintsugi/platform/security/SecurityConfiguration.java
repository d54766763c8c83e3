package dev.kintsugi.platform.security;

import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. {@code /api/**} is stateless and authenticates personal API tokens only, so it needs no
 * CSRF protection and answers 401/403 as problem details. Everything else is the web UI: form login (and OIDC
 * when a client registration is configured), session, CSRF on every form and htmx request. Only the public
 * status page, health probes, static assets and signed webhooks are open.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'";

    static final RequestMatcher API_DOCS =
            PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**");

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems, LoginThrottle throttle)
            throws Exception {
        http.securityMatcher("/api/**")
                // Coarse rules refuse a too-low role before the body is even read, so a VIEWER sending a bad
                // body to a write endpoint gets 403, not 400. Controllers check the exact role too.
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/users", "/api/v1/users/**", "/api/v1/audit")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/me", "/api/v1/me/**")
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasRole(Role.VIEWER.name())
                        // A read in POST clothing: checking wording changes nothing (PostmortemApiController: READ).
                        .requestMatchers(HttpMethod.POST, "/api/v1/postmortems/language-check")
                        .hasRole(Role.VIEWER.name())
                        // chaos writes (experiments, runs, the kill switch, targets): CHAOS_ENGINEER or ADMIN
                        .requestMatchers(
                                "/api/v1/experiments",
                                "/api/v1/experiments/**",
                                "/api/v1/chaos/**",
                                "/api/v1/services/*/chaos-targets",
                                "/api/v1/services/*/chaos-targets/**",
                                "/api/v1/services/*/chaos-policy",
                                "/api/v1/services/*/chaos-monkey",
                                "/api/v1/services/*/chaos-monkey/**")
                        .hasRole(Role.CHAOS_ENGINEER.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/teams/**", "/api/v1/services/**")
                        .hasRole(Role.ADMIN.name())
                        // status page: components and maintenance are for admins (publishing: StatusPage checks)
                        .requestMatchers(
                                "/api/v1/status-page/components/**",
                                "/api/v1/status-page/maintenances",
                                "/api/v1/status-page/maintenances/**",
                                "/api/v1/status-page/audiences",
                                "/api/v1/status-page/audiences/**",
                                "/api/v1/status-page/webhooks",
                                "/api/v1/status-page/webhooks/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.RESPONDER.name()))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(
                        new ApiTokenAuthenticationFilter(tokens, problems, throttle), BasicAuthenticationFilter.class)
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(problems.entryPoint()).accessDeniedHandler(problems.accessDenied()))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'")));
        return http.build();
    }

    /**
     * Webhooks ({@code /webhooks/**}, the alerting module's senders) authenticate themselves by an integration key
     * or an HMAC signature checked by their controllers: no session, no CSRF, no login page, and none of the
     * session filters of the web chain, which read the account in the database (ingestion must keep answering
     * while the database is away, see alerting's spool). Only the alerting controllers answer under this path.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http,
            ObjectProvider<ClientRegistrationRepository> oidcClients,
            OidcAccountLinker oidcAccounts,
            UserManagement users,
            LoginThrottle throttle,
            ApiTokens tokens,
            ProblemSecurityHandlers problems)
            throws Exception {
        var loginThrottle = new LoginThrottleFilter(throttle);
        var loginSuccess = new LoginSuccess(users, throttle);
        var loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        // Never build the login URL from the Host header (see RelativeRedirects).
        loginPage.setFavorRelativeUris(true);
        // The OpenAPI description is for client generators too: it takes an API token as well as a session, and
        // answers 401 problem details (not the login page) to a client without either.
        http.addFilterBefore(new ApiDocsTokenFilter(tokens, problems, throttle), BasicAuthenticationFilter.class);
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/status",
                                "/status/**",
                                "/webhooks/**",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()))
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(loginSuccess)
                        .failureHandler(loginThrottle.failureHandler())
                        .permitAll())
                // A refusal keeps its reason for the error page, which names the role the address needs
                // (Spring Security's default handler drops it when it has no error page of its own).
                .exceptionHandling(e -> e.authenticationEntryPoint(loginPage)
                        .accessDeniedHandler((req, res, denied) -> {
                            req.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
                            res.sendError(HttpServletResponse.SC_FORBIDDEN);
                        }))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // the status page's anonymous subscription forms: see statuspage.web.SubscriptionPages
                .csrf(c -> c.ignoringRequestMatchers("/webhooks/**", "/status/subscribe", "/status/subscriptions/**"))
                .addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class)
                // Order matters: the session follows its account before anything reads the account's rights.
                .addFilterAfter(new AccountSessions(users), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(users), AccountSessions.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")));
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .successHandler(loginSuccess)
                    .userInfoEndpoint(u -> u.oidcUserService(oidcAccounts)));
        }
        return http.build();
    }

    /**
     * The API token filter, on the OpenAPI description only; a request there with neither a token nor a logged-in
     * session gets 401 problem details rather than the login page's redirect.
     */
    private static final class ApiDocsTokenFilter extends ApiTokenAuthenticationFilter {
        private final ProblemSecurityHandlers problems;

        ApiDocsTokenFilter(ApiTokens tokens, ProblemSecurityHandlers problems, LoginThrottle throttle) {
            super(tokens, problems, throttle);
            this.problems = problems;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !API_DOCS.matches(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var session = SecurityContextHolder.getContext().getAuthentication();
            if (request.getHeader("Authorization") == null && (session == null || !session.isAuthenticated())) {
                problems.unauthorized(request, response, "Send a personal API token as a bearer token, or log in");
                return;
            }
            super.doFilterInternal(request, response, chain);
        }
    }
}
