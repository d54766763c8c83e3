package dev.kintsugi.oncall.notify;

import dev.kintsugi.oncall.OnCallProperties;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acknowledge and resolve links in notifications: {@code <payload>.<HMAC-SHA256 of it>}, the payload naming the
 * page, the action, the person and an expiry, with a random nonce. Links are single-use: using one writes its
 * nonce. The link page itself only asks for a click (a POST): mail scanners follow links with GET.
 */
@Component
public class Links {
    private final ServerSecrets secrets;
    private final OnCallProperties properties;
    private final KintsugiProperties kintsugi;
    private final JdbcClient jdbc;
    private final Clock clock;

    Links(
            ServerSecrets secrets,
            OnCallProperties properties,
            KintsugiProperties kintsugi,
            JdbcClient jdbc,
            Clock clock) {
        this.secrets = secrets;
        this.properties = properties;
        this.kintsugi = kintsugi;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a valid link asks for. */
    public record Claim(long pageId, String action, String username, Instant expires, String nonce) {}

    public String url(long pageId, String action, String username) {
        Instant expires = clock.instant().plus(properties.linkValidity());
        String payload = pageId + "|" + action + "|" + username + "|" + expires.getEpochSecond() + "|"
                + ServerSecrets.randomToken();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + secrets.sign("link:" + payload);
        String base = base(kintsugi);
        return base + "/webhooks/oncall/links/" + token;
    }

    /** Kintsugi's public address without a trailing slash, for links sent out. */
    public static String base(KintsugiProperties kintsugi) {
        String b = kintsugi.baseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The claim of a well-signed link, expired or not; empty when forged or malformed. */
    public Optional<Claim> read(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!secrets.verify("link:" + payload, token.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] p = payload.split("\\|");
        if (p.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Claim(Long.parseLong(p[0]), p[1], p[2], Instant.ofEpochSecond(Long.parseLong(p[3])), p[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean expired(Claim c) {
        return !clock.instant().isBefore(c.expires());
    }

    public boolean used(Claim c) {
        return jdbc.sql("select count(*) from oncall_link_use where nonce = ?")
                        .param(c.nonce())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Marks the link used; false when it already was (in the caller's transaction). */
    public boolean use(Claim c) {
        if (used(c)) {
            return false;
        }
        try {
            jdbc.sql("insert into oncall_link_use (nonce, used_at) values (?, ?)")
                    .params(c.nonce(), Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
