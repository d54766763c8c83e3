package dev.kintsugi.statuspage;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audience pages: {@code /status/a/<token>} shows only the audience's components (and the incidents and maintenance
 * that concern them). The token (32 random bytes, URL-safe) is shown once when created; only its HMAC under the
 * server key is stored, so the database alone does not give the links away. Admins only.
 */
@Service
@Transactional
public class Audiences {
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final CatalogManagement catalog;
    private final StatusPage page;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Audiences(
            JdbcClient jdbc,
            ServerSecrets secrets,
            CatalogManagement catalog,
            StatusPage page,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.catalog = catalog;
        this.page = page;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Creates an audience; the answer carries its link's path ({@code /status/a/<token>}), shown this once. */
    public Audience create(String name, List<String> serviceNames) {
        requireAdmin();
        String n = StatusPage.required(name, "name", 200);
        if (serviceNames == null || serviceNames.isEmpty()) {
            throw new InvalidInputException(
                    "services", "statuspage.validation.services", "name at least one component");
        }
        Set<Long> publicIds = new LinkedHashSet<>();
        page.components().forEach(c -> publicIds.add(c.serviceId()));
        Set<Long> ids = new LinkedHashSet<>();
        for (String s : serviceNames) {
            Long id = s == null
                    ? null
                    : catalog.findService(s).map(CatalogService::id).orElse(null);
            if (id == null || !publicIds.contains(id)) {
                throw new InvalidInputException(
                        "services", "statuspage.validation.notComponent", "is not a public component: " + s, s);
            }
            ids.add(id);
        }
        String token = newToken();
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into statuspage_audience (name, token_mac, created_by, created_at) values (?, ?, ?, ?)")
                .params(n, mac(token), Actor.current(), Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (long s : ids) {
            jdbc.sql("insert into statuspage_audience_component (audience_id, service_id) values (?, ?)")
                    .params(id, s)
                    .update();
        }
        Audience a = new Audience(id, n, List.copyOf(ids), now, "/status/a/" + token);
        audit.record(
                "statuspage.audience.created",
                "audience",
                String.valueOf(id),
                "Audience " + n,
                null,
                Map.of("name", n, "serviceIds", ids));
        events.publishEvent(new StatusPageChanged("audience", null, id, ids));
        return a;
    }

    @Transactional(readOnly = true)
    public List<Audience> list() {
        requireAdmin();
        Map<Long, List<Long>> services = services();
        return jdbc.sql("select id, name, created_at from statuspage_audience order by name, id")
                .query((rs, i) -> new Audience(
                        rs.getLong("id"),
                        rs.getString("name"),
                        services.getOrDefault(rs.getLong("id"), List.of()),
                        rs.getTimestamp("created_at").toInstant(),
                        null))
                .list();
    }

    /** Gives an audience a new link, answered this once; the old link stops working at once. */
    public Audience rotate(long id) {
        requireAdmin();
        String token = newToken();
        int n = jdbc.sql("update statuspage_audience set token_mac = ? where id = ?")
                .params(mac(token), id)
                .update();
        if (n == 0) {
            throw new NotFoundException("Audience", id);
        }
        Audience a = list().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record(
                "statuspage.audience.rotated", "audience", String.valueOf(id), "Audience link replaced", null, null);
        events.publishEvent(new StatusPageChanged("audience", null, id, Set.copyOf(a.serviceIds())));
        return new Audience(a.id(), a.name(), a.serviceIds(), a.createdAt(), "/status/a/" + token);
    }

    public void delete(long id) {
        requireAdmin();
        int n = jdbc.sql("delete from statuspage_audience where id = ?")
                .param(id)
                .update();
        if (n == 0) {
            throw new NotFoundException("Audience", id);
        }
        audit.record("statuspage.audience.deleted", "audience", String.valueOf(id), "Audience deleted", null, null);
        events.publishEvent(new StatusPageChanged("audience", null, id, Set.of()));
    }

    /** The audience of a link's token (anonymous: the link is the credential), with its component ids. */
    @Transactional(readOnly = true)
    public Optional<Audience> byToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select id, name, created_at from statuspage_audience where token_mac = ?")
                .param(mac(token))
                .query((rs, i) -> new Audience(
                        rs.getLong("id"),
                        rs.getString("name"),
                        jdbc.sql("select service_id from statuspage_audience_component where audience_id = ?")
                                .param(rs.getLong("id"))
                                .query(Long.class)
                                .list(),
                        rs.getTimestamp("created_at").toInstant(),
                        null))
                .optional();
    }

    private Map<Long, List<Long>> services() {
        Map<Long, List<Long>> out = new HashMap<>();
        jdbc.sql("select audience_id, service_id from statuspage_audience_component order by service_id")
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .forEach(e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private String mac(String token) {
        return secrets.sign("statuspage-audience:" + token);
    }

    private static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void requireAdmin() {
        if (!Actor.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("audiences are for admins");
        }
    }
}
