package dev.kintsugi.statuspage;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.statuspage.Subscriptions.Subscriber;
import dev.kintsugi.statuspage.persistence.StatusPageRepository;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What subscribers receive, queued as deliveries (one row each, its content rendered at queueing in the subscriber's
 * language) and tried by a db-scheduler job ({@link StatusJobs}, {@link StatusDeliveryAttempts}) until sent or
 * {@value StatusDeliveryAttempts#MAX_ATTEMPTS} attempts failed, waiting {@code kintsugi.statuspage.retry-backoff × 2^attempt} in between. E-mails: a confirmation (double opt-in), then each public
 * update and maintenance notice of the components followed, with {@code List-Unsubscribe} (the one-click link) and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). Webhooks: every public change, as JSON
 * signed like on-call's ({@code X-Kintsugi-Timestamp}; {@code X-Kintsugi-Signature: sha256=<hex HMAC-SHA256 of
 * timestamp + "." + body>} with the webhook's secret).
 */
@Service
public class StatusDeliveries {

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final StatusPageRepository repo;
    private final StatusPage page;
    private final Mailer mailer;
    private final MessageSource messages;
    private final StatusPageProperties properties;
    private final KintsugiProperties kintsugi;
    private final JsonMapper json;
    private final StatusJobs jobs;
    private final Clock clock;

    StatusDeliveries(
            JdbcClient jdbc,
            Subscriptions subscriptions,
            StatusPageRepository repo,
            StatusPage page,
            Mailer mailer,
            MessageSource messages,
            StatusPageProperties properties,
            KintsugiProperties kintsugi,
            JsonMapper json,
            StatusJobs jobs,
            Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.repo = repo;
        this.page = page;
        this.mailer = mailer;
        this.messages = messages;
        this.properties = properties;
        this.kintsugi = kintsugi;
        this.json = json;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Queues the confirmation mail of a new subscriber. */
    @Transactional
    public void confirmation(long subscriberId) {
        subscriptions.find(subscriberId).ifPresent(s -> {
            String base = properties.base(kintsugi);
            String link = base + "/status/subscriptions/" + s.id() + "/" + subscriptions.token(s) + "/confirm";
            var mail = mailer.render(
                    "statuspage-confirm",
                    s.locale(),
                    Map.of("brand", properties.name(), "link", link),
                    "statuspage.mail.confirm.subject",
                    properties.name());
            queueMail(s, "confirm", mail);
        });
    }

    /** Turns a public change into deliveries, after it committed. */
    @ApplicationModuleListener
    void on(StatusPageChanged changed) {
        Actor.runAsSystem("status page notifications", () -> queue(changed));
    }

    @Transactional
    void queue(StatusPageChanged changed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", changed.what());
        body.put("occurred_at", clock.instant().toString());
        body.put("page", Map.of("name", properties.name(), "url", properties.base(kintsugi) + "/status"));
        body.put(
                "component_ids",
                changed.serviceIds().stream().map(String::valueOf).sorted().toList());
        Optional<PublicUpdate> update = Optional.empty();
        Optional<PublicIncident> incident = Optional.empty();
        Optional<Maintenance> maintenance = Optional.empty();
        if (changed.what().equals("audience")) {
            return; // not public
        }
        if (changed.incidentId() != null) {
            incident = repo.incident(changed.incidentId());
            incident.ifPresent(
                    i -> body.put("incident", Map.of("id", String.valueOf(i.incidentId()), "name", i.title())));
        }
        if (changed.what().equals("update") && changed.itemId() != null && incident.isPresent()) {
            update = repo.updatesOf(changed.incidentId()).stream()
                    .filter(u -> u.id() == changed.itemId())
                    .findFirst();
        }
        if (changed.what().equals("maintenance") && changed.itemId() != null) {
            maintenance = repo.maintenances().stream()
                    .filter(m -> m.id() == changed.itemId())
                    .findFirst();
            maintenance.ifPresent(m -> body.put(
                    "maintenance",
                    Map.of(
                            "id",
                            String.valueOf(m.id()),
                            "name",
                            m.title(),
                            "scheduled_for",
                            m.startsAt().toString(),
                            "scheduled_until",
                            m.endsAt().toString())));
        }
        List<String> names = componentNames(changed.serviceIds());
        boolean mails = update.isPresent() || maintenance.isPresent();
        for (Subscriber s : subscriptions.following(changed.serviceIds(), !mails)) {
            if (s.kind().equals(Subscriptions.WEBHOOK)) {
                Map<String, Object> b = new LinkedHashMap<>(body);
                update.ifPresent(u -> b.put(
                        "update",
                        Map.of(
                                "id",
                                String.valueOf(u.id()),
                                "status",
                                u.status().json(),
                                "body",
                                text(u, names, Locale.ENGLISH),
                                "created_at",
                                u.publishedAt().toString())));
                insert(s.id(), "webhook", json.writeValueAsString(Map.of("body", json.writeValueAsString(b))));
            } else if (update.isPresent()) {
                PublicUpdate u = update.get();
                String status =
                        messages.getMessage("statuspage.update." + u.status().name(), null, s.locale());
                queueMail(
                        s,
                        "update",
                        mailer.render(
                                "statuspage-update",
                                s.locale(),
                                Map.of(
                                        "brand", properties.name(),
                                        "title", incident.get().title(),
                                        "status", status,
                                        "body", text(u, names, s.locale()),
                                        "components", String.join(", ", names),
                                        "link", properties.base(kintsugi) + "/status#incident-" + u.incidentId(),
                                        "unsubscribe", unsubscribeLink(s)),
                                "statuspage.mail.update.subject",
                                incident.get().title(),
                                status));
            } else if (maintenance.isPresent()) {
                Maintenance m = maintenance.get();
                queueMail(
                        s,
                        "maintenance",
                        mailer.render(
                                "statuspage-maintenance",
                                s.locale(),
                                Map.of(
                                        "brand", properties.name(),
                                        "title", m.title(),
                                        "body", m.body() == null ? "" : m.body(),
                                        "from", m.startsAt().toString(),
                                        "to", m.endsAt().toString(),
                                        "components", String.join(", ", names),
                                        "link", properties.base(kintsugi) + "/status#maintenance-" + m.id(),
                                        "unsubscribe", unsubscribeLink(s)),
                                "statuspage.mail.maintenance.subject",
                                m.title()));
            }
        }
    }

    /** The signature a receiver recomputes: hex HMAC-SHA256 of {@code timestamp + "." + body} with the secret. */
    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256="
                    + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void queueMail(Subscriber s, String kind, Mailer.Mail mail) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subject", mail.subject());
        payload.put("text", mail.text());
        payload.put("html", mail.html());
        if (!kind.equals("confirm")) {
            payload.put(
                    "headers",
                    Map.of(
                            "List-Unsubscribe",
                            "<" + unsubscribeLink(s) + ">",
                            "List-Unsubscribe-Post",
                            "List-Unsubscribe=One-Click"));
        }
        insert(s.id(), kind, json.writeValueAsString(payload));
    }

    private String unsubscribeLink(Subscriber s) {
        return properties.base(kintsugi) + "/status/subscriptions/" + s.id() + "/" + subscriptions.token(s)
                + "/unsubscribe";
    }

    private void insert(long subscriberId, String kind, String payload) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into statuspage_delivery (subscriber_id, kind, payload, status, attempts, created_at)"
                        + " values (?, ?, ?, 'PENDING', 0, ?)")
                .params(
                        subscriberId,
                        kind,
                        payload.length() > 20_000 ? payload.substring(0, 20_000) : payload,
                        Timestamp.from(clock.instant()))
                .update(keys, "id");
        jobs.attempt(keys.getKey().longValue(), 0, Duration.ZERO);
    }

    private List<String> componentNames(Set<Long> serviceIds) {
        return page.components().stream()
                .filter(c -> serviceIds.contains(c.serviceId()))
                .map(PublicComponent::name)
                .toList();
    }

    private String text(PublicUpdate u, List<String> names, Locale locale) {
        return new UpdateTexts(messages, locale, properties.name()).body(u, names);
    }
}
