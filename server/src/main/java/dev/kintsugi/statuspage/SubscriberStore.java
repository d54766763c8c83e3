package dev.kintsugi.statuspage;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.secrets.ServerSecrets;
import dev.kintsugi.statuspage.Subscriptions.Subscriber;
import dev.kintsugi.statuspage.persistence.StatusPageRepository;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The subscribers' rows ({@code statuspage_subscriber} and their components), shared by the e-mail subscriptions
 * ({@link Subscriptions}) and the webhooks ({@link StatusWebhooks}): a webhook's URL and secret are sealed with the
 * server key and unsealed here for delivery; {@code target_mac} finds a duplicate without them.
 */
@Component
class SubscriberStore {
    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final CatalogManagement catalog;
    private final StatusPageRepository repo;
    private final Clock clock;

    SubscriberStore(
            JdbcClient jdbc, ServerSecrets secrets, CatalogManagement catalog, StatusPageRepository repo, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.catalog = catalog;
        this.repo = repo;
        this.clock = clock;
    }

    /** The HMAC that finds a subscriber of this kind and (normalised) target. */
    String mac(String kind, String target) {
        return secrets.sign("statuspage-subscriber:" + kind + ":" + target);
    }

    Optional<Subscriber> find(long id) {
        return jdbc.sql("select * from statuspage_subscriber where id = ?")
                .param(id)
                .query((rs, i) -> row(rs))
                .optional()
                .map(this::withServices);
    }

    /** Replaces a webhook's signing secret (sealed). */
    void replaceSecret(long id, String secret) {
        jdbc.sql("update statuspage_subscriber set secret = ? where id = ?")
                .params(secrets.seal(secret), id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("delete from statuspage_subscriber where id = ?").param(id).update();
    }

    List<Long> publicServices(List<String> serviceNames) {
        if (serviceNames == null) {
            return List.of();
        }
        Set<Long> publicIds = new LinkedHashSet<>();
        repo.components().forEach(c -> publicIds.add(c.serviceId()));
        Set<Long> ids = new LinkedHashSet<>();
        for (String n : serviceNames) {
            if (n == null || n.isBlank()) {
                continue;
            }
            // the public form sends component ids (the public JSON's); the API service names
            Long id = n.strip().matches("\\d{1,18}")
                    ? Long.valueOf(n.strip())
                    : catalog.findService(n).map(CatalogService::id).orElse(null);
            if (id == null || !publicIds.contains(id)) {
                throw new InvalidInputException(
                        "services", "statuspage.validation.notComponent", "is not a public component: " + n, n);
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** Inserts a subscriber; a webhook's URL and secret are sealed here. */
    long insert(
            String kind,
            String target,
            String mac,
            String secret,
            Locale locale,
            boolean confirmed,
            List<Long> services) {
        boolean sealed = kind.equals(Subscriptions.WEBHOOK);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into statuspage_subscriber (kind, target, target_mac, secret, locale, confirmed, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        kind,
                        sealed ? secrets.seal(target) : target,
                        mac,
                        secret == null ? null : secrets.seal(secret),
                        locale.getLanguage(),
                        confirmed,
                        Timestamp.from(clock.instant()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (long s : services) {
            jdbc.sql("insert into statuspage_subscriber_component (subscriber_id, service_id) values (?, ?)")
                    .params(id, s)
                    .update();
        }
        return id;
    }

    Optional<Subscriber> byMac(String mac) {
        return jdbc.sql("select * from statuspage_subscriber where target_mac = ?")
                .param(mac)
                .query((rs, i) -> row(rs))
                .optional()
                .map(this::withServices);
    }

    List<Subscriber> all() {
        Map<Long, List<Long>> services = new LinkedHashMap<>();
        jdbc.sql("select subscriber_id, service_id from statuspage_subscriber_component")
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .forEach(e -> services.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return jdbc.sql("select * from statuspage_subscriber order by id").query((rs, i) -> row(rs)).list().stream()
                .map(s -> with(s, services.getOrDefault(s.id(), List.of())))
                .toList();
    }

    private Subscriber withServices(Subscriber s) {
        return with(
                s,
                jdbc.sql("select service_id from statuspage_subscriber_component where subscriber_id = ?")
                        .param(s.id())
                        .query(Long.class)
                        .list());
    }

    private static Subscriber with(Subscriber s, List<Long> services) {
        return new Subscriber(
                s.id(),
                s.kind(),
                s.target(),
                s.secret(),
                s.locale(),
                s.confirmed(),
                s.createdAt(),
                List.copyOf(services));
    }

    private Subscriber row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String kind = rs.getString("kind");
        String target = rs.getString("target");
        String secret = rs.getString("secret");
        return new Subscriber(
                rs.getLong("id"),
                kind,
                kind.equals(Subscriptions.WEBHOOK) ? secrets.unseal(target) : target,
                secret == null ? null : secrets.unseal(secret),
                Locale.forLanguageTag(rs.getString("locale")),
                rs.getBoolean("confirmed"),
                rs.getTimestamp("created_at").toInstant(),
                List.of());
    }
}
