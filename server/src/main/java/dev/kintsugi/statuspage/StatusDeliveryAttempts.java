package dev.kintsugi.statuspage;

import dev.kintsugi.platform.Mailer;
import dev.kintsugi.statuspage.Subscriptions.Subscriber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sending what {@link StatusDeliveries} queued: one attempt of one delivery (the db-scheduler job of
 * {@link StatusJobs} calls it), an e-mail through the platform's mailer or a signed webhook POST (no redirects
 * followed); on failure the next attempt is scheduled after {@code retry-backoff × 2^attempt}, until
 * {@value #MAX_ATTEMPTS} attempts failed.
 */
@Service
class StatusDeliveryAttempts {
    static final int MAX_ATTEMPTS = 6;
    private static final Logger log = LoggerFactory.getLogger(StatusDeliveryAttempts.class);

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Mailer mailer;
    private final StatusPageProperties properties;
    private final JsonMapper json;
    private final StatusJobs jobs;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    StatusDeliveryAttempts(
            JdbcClient jdbc,
            Subscriptions subscriptions,
            Mailer mailer,
            StatusPageProperties properties,
            JsonMapper json,
            StatusJobs jobs,
            Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.mailer = mailer;
        this.properties = properties;
        this.json = json;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** One attempt of a delivery (the job calls this). */
    @Transactional
    void attempt(long deliveryId, int attempt) {
        var row = jdbc.sql(
                        "select subscriber_id, kind, payload, status, attempts from statuspage_delivery where id = ?")
                .param(deliveryId)
                .query((rs, i) ->
                        new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)})
                .optional();
        if (row.isEmpty() || !"PENDING".equals(row.get()[3]) || (int) row.get()[4] != attempt) {
            return;
        }
        Optional<Subscriber> s = subscriptions.find((long) row.get()[0]);
        if (s.isEmpty()) {
            return; // unsubscribed meanwhile: its deliveries went with it
        }
        String error = null;
        try {
            JsonNode payload = json.readTree((String) row.get()[2]);
            if (s.get().kind().equals(Subscriptions.WEBHOOK)) {
                post(s.get(), payload.get("body").asString());
            } else if (!mailer.send(
                    s.get().target(),
                    new Mailer.Mail(
                            payload.get("subject").asString(),
                            payload.get("text").asString(),
                            payload.get("html").asString()),
                    headers(payload))) {
                error = "the mail was not sent";
            }
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        int tries = attempt + 1;
        if (error == null) {
            jdbc.sql("update statuspage_delivery set status = 'SENT', attempts = ?, sent_at = ? where id = ?")
                    .params(tries, Timestamp.from(clock.instant()), deliveryId)
                    .update();
        } else if (tries >= MAX_ATTEMPTS) {
            jdbc.sql("update statuspage_delivery set status = 'FAILED', attempts = ?, last_error = ? where id = ?")
                    .params(tries, truncate(error), deliveryId)
                    .update();
            log.warn("Status page delivery {} failed for good: {}", deliveryId, truncate(error));
        } else {
            jdbc.sql("update statuspage_delivery set attempts = ?, last_error = ? where id = ?")
                    .params(tries, truncate(error), deliveryId)
                    .update();
            jobs.attempt(deliveryId, tries, properties.retryBackoff().multipliedBy(1L << Math.min(attempt, 10)));
        }
    }

    private void post(Subscriber s, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        var request = HttpRequest.newBuilder(URI.create(s.target()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Kintsugi-StatusPage")
                .header("X-Kintsugi-Timestamp", timestamp)
                .header("X-Kintsugi-Signature", StatusDeliveries.signature(s.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                throw new IllegalStateException("the webhook answered " + status);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    "the webhook could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static Map<String, String> headers(JsonNode payload) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode h = payload.get("headers");
        if (h != null) {
            for (var e : h.properties()) {
                out.put(e.getKey(), e.getValue().asString());
            }
        }
        return out;
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
