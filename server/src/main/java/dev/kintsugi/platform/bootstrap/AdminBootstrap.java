package dev.kintsugi.platform.bootstrap;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first admin. On an empty user table, creates {@code admin} with {@code KINTSUGI_ADMIN_PASSWORD}, or with a
 * generated one-time password printed once (it must be changed at first login). When
 * {@code KINTSUGI_ADMIN_TOKEN} is set, provisions an admin API token with that value. Demo mode creates its
 * own users instead (see the demo data).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AdminBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserManagement users;
    private final ApiTokens tokens;
    private final KintsugiProperties properties;
    private final TransactionTemplate tx;

    AdminBootstrap(UserManagement users, ApiTokens tokens, KintsugiProperties properties, TransactionTemplate tx) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor.runAsSystem(
                "bootstrap: first admin and provisioned API token",
                () -> tx.executeWithoutResult(s -> {
                    if (!properties.demo() && users.count() == 0) {
                        String given = properties.adminPassword();
                        boolean generated = given == null || given.isBlank();
                        String password = generated ? generate() : given;
                        users.create(
                                new UserManagement.NewUser("admin", "Administrator", null, Role.ADMIN, password),
                                generated);
                        if (generated) {
                            // Printed once, on purpose: this is how the first person gets in. Not a secret kept
                            // anywhere.
                            System.out.println(
                                    "\n  Kintsugi: first admin created. Log in as 'admin' with the one-time password: "
                                            + password + "\n  (you will be asked to choose your own)\n");
                        } else {
                            log.info("First admin 'admin' created with the password from KINTSUGI_ADMIN_PASSWORD");
                        }
                    }
                    String token = properties.adminToken();
                    if (token != null && !token.isBlank()) {
                        users.find("admin")
                                .filter(u -> u.role() == Role.ADMIN && u.enabled())
                                .or(() -> users.list().stream()
                                        .filter(u -> u.role() == Role.ADMIN && u.enabled())
                                        .findFirst())
                                .ifPresentOrElse(
                                        owner -> {
                                            tokens.provision(
                                                    owner.username(), "provisioned (KINTSUGI_ADMIN_TOKEN)", token);
                                            log.info(
                                                    "Admin API token from KINTSUGI_ADMIN_TOKEN is active for '{}'",
                                                    owner.username());
                                        },
                                        () -> log.warn(
                                                "KINTSUGI_ADMIN_TOKEN is set but there is no enabled admin to own it"));
                    }
                }));
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
