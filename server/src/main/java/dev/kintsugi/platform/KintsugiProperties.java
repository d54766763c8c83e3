package dev.kintsugi.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform-wide settings ({@code kintsugi.*}), documented in docs/configuration.md.
 *
 * @param demo start with a believable demo organisation (users, services, incidents)
 * @param adminPassword password of the first admin ({@code KINTSUGI_ADMIN_PASSWORD}); generated when empty
 * @param adminToken when set, an admin API token with exactly this value is provisioned ({@code KINTSUGI_ADMIN_TOKEN})
 * @param baseUrl the address people reach Kintsugi at, used in links sent out (e-mails, feeds)
 * @param oidcDefaultRole role given to a person the first time they log in through OIDC
 */
@ConfigurationProperties("kintsugi")
public record KintsugiProperties(
        @DefaultValue("false") boolean demo,
        String adminPassword,
        String adminToken,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("VIEWER") Role oidcDefaultRole) {}
