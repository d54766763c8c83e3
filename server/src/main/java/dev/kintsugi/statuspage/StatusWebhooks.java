package dev.kintsugi.statuspage;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.statuspage.Subscriptions.Subscriber;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status page's signed webhooks (admins): added with a URL, an optional signing secret (generated when absent)
 * and optionally some components; listed by host only; their secret shown once, when added or rotated. They are
 * subscribers ({@link SubscriberStore}) told of every public change by {@link StatusDeliveries}.
 */
@Service
@Transactional
public class StatusWebhooks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberStore store;
    private final AuditLog audit;
    private final Clock clock;

    StatusWebhooks(SubscriberStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** A webhook as admins list it: never its URL's path; its secret only when just added or rotated. */
    public record Webhook(long id, String host, List<Long> serviceIds, Instant createdAt, String secret) {}

    /** Adds a signed webhook. The signing secret is generated when absent, and answered this once. */
    public Webhook add(String url, String secret, List<String> serviceNames) {
        requireAdmin();
        URI uri;
        try {
            uri = url == null ? null : URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || url.length() > 1000) {
            throw new InvalidInputException("url", "statuspage.validation.url", "must be an http(s) address");
        }
        String key = secret == null || secret.isBlank() ? newSecret() : secret.strip();
        if (key.length() < 16 || key.length() > 200) {
            throw new InvalidInputException("secret", "statuspage.validation.secret", "must be 16 to 200 characters");
        }
        List<Long> services = store.publicServices(serviceNames);
        String mac = store.mac(Subscriptions.WEBHOOK, uri.toString());
        if (store.byMac(mac).isPresent()) {
            throw new InvalidInputException("url", "statuspage.validation.urlTaken", "is already a webhook");
        }
        long id = store.insert(Subscriptions.WEBHOOK, uri.toString(), mac, key, Locale.ENGLISH, true, services);
        audit.record(
                "statuspage.webhook.added",
                "subscriber",
                String.valueOf(id),
                "Webhook to " + uri.getHost(),
                null,
                Map.of("host", uri.getHost(), "serviceIds", services));
        return new Webhook(id, uri.getHost(), services, clock.instant(), key);
    }

    @Transactional(readOnly = true)
    public List<Webhook> list() {
        requireAdmin();
        return store.all().stream()
                .filter(s -> s.kind().equals(Subscriptions.WEBHOOK))
                .map(s -> listed(s, null))
                .toList();
    }

    /** Gives a webhook a new generated signing secret, answered this once; the old one stops signing at once. */
    public Webhook rotateSecret(long id) {
        requireAdmin();
        Subscriber s = webhook(id);
        String key = newSecret();
        store.replaceSecret(id, key);
        audit.record(
                "statuspage.webhook.secretRotated",
                "subscriber",
                String.valueOf(id),
                "Webhook secret rotated",
                null,
                null);
        return listed(s, key);
    }

    public void remove(long id) {
        requireAdmin();
        Subscriber s = webhook(id);
        store.delete(s.id());
        audit.record("statuspage.webhook.removed", "subscriber", String.valueOf(id), "Webhook removed", null, null);
    }

    private Subscriber webhook(long id) {
        return store.find(id)
                .filter(x -> x.kind().equals(Subscriptions.WEBHOOK))
                .orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    private static Webhook listed(Subscriber s, String secret) {
        return new Webhook(s.id(), URI.create(s.target()).getHost(), s.serviceIds(), s.createdAt(), secret);
    }

    private static String newSecret() {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void requireAdmin() {
        if (!Actor.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("status page webhooks are for admins");
        }
    }
}
