package dev.kintsugi.platform.security;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.Locale;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links an OIDC login to a Kintsugi account by {@code preferred_username} (else the e-mail's local part),
 * creating the account with {@code kintsugi.oidc-default-role} the first time. Roles stay managed in Kintsugi.
 */
@Component
class OidcAccountLinker implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OidcUserService delegate = new OidcUserService();
    private final UserManagement users;
    private final KintsugiProperties properties;
    private final TransactionTemplate tx;

    OidcAccountLinker(UserManagement users, KintsugiProperties properties, TransactionTemplate tx) {
        this.users = users;
        this.properties = properties;
        this.tx = tx;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = delegate.loadUser(request);
        String username = oidc.getPreferredUsername();
        if (username == null && oidc.getEmail() != null) {
            username = oidc.getEmail().substring(0, oidc.getEmail().indexOf('@'));
        }
        if (username == null) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("invalid_user"), "The identity provider sent no username or e-mail");
        }
        String name = username.toLowerCase(Locale.ROOT);
        UserAccount account = Actor.runAsSystem(
                "first OIDC login: create the account",
                () -> tx.execute(s -> users.find(name)
                        .orElseGet(() -> users.create(new UserManagement.NewUser(
                                name,
                                oidc.getFullName() == null ? name : oidc.getFullName(),
                                oidc.getEmail(),
                                properties.oidcDefaultRole(),
                                null)))));
        if (!account.enabled()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("disabled"), "This account is disabled");
        }
        return new DefaultOidcUser(
                KintsugiUser.authorities(account), oidc.getIdToken(), oidc.getUserInfo(), "preferred_username") {
            @Override
            public String getName() {
                return account.username();
            }
        };
    }
}
