package dev.kintsugi.statuspage;

import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who hears of public changes: e-mail subscribers (double opt-in: a confirmation mail first; every mail carries a
 * one-click unsubscribe link, RFC 8058) and signed webhooks (admins, {@link StatusWebhooks}). A subscriber may
 * follow some components only (their incidents and their maintenance notices) or all. Links carry the subscriber's
 * id and a token derived from it with the server key ({@link ServerSecrets#sign}), so nothing secret is stored for
 * them. What is sent is queued as deliveries ({@link StatusDeliveries}).
 */
@Service
@Transactional
public class Subscriptions {
    public static final String EMAIL = "EMAIL";
    public static final String WEBHOOK = "WEBHOOK";
    static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"',;]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final SubscriberStore store;
    private final AuditLog audit;

    Subscriptions(JdbcClient jdbc, ServerSecrets secrets, SubscriberStore store, AuditLog audit) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.store = store;
        this.audit = audit;
    }

    /** A subscriber; {@code target} is the address (e-mail) or the unsealed URL (webhooks, for delivery only). */
    public record Subscriber(
            long id,
            String kind,
            String target,
            String secret,
            Locale locale,
            boolean confirmed,
            Instant createdAt,
            List<Long> serviceIds) {
        public boolean follows(Set<Long> services) {
            return serviceIds.isEmpty()
                    || services.isEmpty()
                    || serviceIds.stream().anyMatch(services::contains);
        }
    }

    /** The normalised address of a subscription request, or 400 when it is not an e-mail address. */
    public static String address(String email) {
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            throw new InvalidInputException("email", "statuspage.validation.email", "is not an e-mail address");
        }
        return address;
    }

    /**
     * Asks to subscribe {@code email} (anonymous): a new or unconfirmed address gets a confirmation mail; a
     * confirmed one nothing (the answer is the same, so the form tells nobody who subscribes).
     */
    public Optional<Long> subscribe(String email, List<String> serviceNames, Locale locale) {
        String address = address(email);
        List<Long> services = store.publicServices(serviceNames);
        String mac = store.mac(EMAIL, address.toLowerCase(Locale.ROOT));
        Optional<Subscriber> existing = store.byMac(mac);
        if (existing.isPresent()) {
            return existing.get().confirmed()
                    ? Optional.empty()
                    : Optional.of(existing.get().id());
        }
        long id = store.insert(EMAIL, address, mac, null, locale, false, services);
        return Optional.of(id);
    }

    /** Confirms an e-mail subscription from its link; false when the link is wrong. */
    public boolean confirm(long id, String token) {
        Optional<Subscriber> s = checked(id, token);
        if (s.isEmpty()) {
            return false;
        }
        jdbc.sql("update statuspage_subscriber set confirmed = true where id = ?")
                .param(id)
                .update();
        audit.record(
                "statuspage.subscriber.confirmed",
                "subscriber",
                String.valueOf(id),
                "Subscription confirmed",
                null,
                null);
        return true;
    }

    /** Ends a subscription from its link (idempotent: an already removed one answers true). */
    public boolean unsubscribe(long id, String token) {
        Optional<Subscriber> s = checked(id, token);
        if (s.isEmpty()) {
            return find(id).isEmpty() && token != null && !token.isBlank();
        }
        store.delete(id);
        audit.record("statuspage.subscriber.removed", "subscriber", String.valueOf(id), "Unsubscribed", null, null);
        return true;
    }

    /** The link token of a subscriber (confirm, unsubscribe). */
    public String token(Subscriber s) {
        return secrets.sign(
                "statuspage-subscriber-link:" + s.id() + ":" + s.createdAt().toEpochMilli());
    }

    @Transactional(readOnly = true)
    public Optional<Subscriber> find(long id) {
        return store.find(id);
    }

    /** Confirmed subscribers following any of these services (every subscriber when the set is empty). */
    @Transactional(readOnly = true)
    public List<Subscriber> following(Set<Long> services, boolean webhooksOnly) {
        return store.all().stream()
                .filter(Subscriber::confirmed)
                .filter(s -> !webhooksOnly || s.kind().equals(WEBHOOK))
                .filter(s -> s.follows(services))
                .toList();
    }

    private Optional<Subscriber> checked(long id, String token) {
        return find(id).filter(s -> token != null
                && secrets.verify(
                        "statuspage-subscriber-link:" + s.id() + ":"
                                + s.createdAt().toEpochMilli(),
                        token));
    }
}
