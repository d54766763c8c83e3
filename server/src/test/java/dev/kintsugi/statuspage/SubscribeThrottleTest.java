package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /status/subscribe} is throttled per client address and per e-mail address: over the limit, 429 with
 * {@code Retry-After}, problem details for JSON clients, the page with the message for the form; nothing is
 * stored for a refused request. The client address comes through {@code X-Forwarded-For} (the test talks from a
 * trusted proxy address), a fresh one per run so other tests' requests do not count.
 */
class SubscribeThrottleTest extends IntegrationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    static String clientAddress() {
        var r = ThreadLocalRandom.current();
        return "198.18." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
    }

    HttpResponse<String> subscribe(String client, String email, String accept, String language) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(baseUrl() + "/status/subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client)
                .header("Accept", accept)
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString("email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    long stored(String email) {
        return jdbc.sql("select count(*) from statuspage_subscriber where target = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    @Test
    void oneClientAddressGetsTenRequestsAnHour() throws Exception {
        String client = clientAddress();
        String prefix = unique("reader");
        for (int i = 0; i < SubscribeThrottle.PER_CLIENT; i++) {
            var ok = subscribe(client, prefix + i + "@example.invalid", "text/html", "en");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        String refusedAddress = prefix + "-over@example.invalid";
        var page = subscribe(client, refusedAddress, "text/html", "en");
        assertThat(page.statusCode()).isEqualTo(429);
        long retry = Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 3600L);
        assertThat(page.body())
                .contains("id=\"subscription-error\"", "Too many subscription requests")
                .doesNotContain(refusedAddress);
        var french = subscribe(client, refusedAddress, "text/html", "fr");
        assertThat(french.statusCode()).isEqualTo(429);
        assertThat(french.body()).contains("Trop de demandes d’abonnement");

        var problem = subscribe(client, refusedAddress, "application/problem+json", "en");
        assertThat(problem.statusCode()).isEqualTo(429);
        assertThat(problem.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(problem.headers().firstValue("Retry-After")).isPresent();
        JsonNode json = JsonMapper.builder().build().readTree(problem.body());
        assertThat(json.get("status").asInt()).isEqualTo(429);
        assertThat(json.get("title").asString()).isEqualTo("Too many subscription requests");
        assertThat(json.get("retryAfterSeconds").asLong()).isPositive();
        assertThat(stored(refusedAddress))
                .as("nothing stored for a refused request")
                .isZero();
        assertThat(stored(prefix + "0@example.invalid")).isEqualTo(1);

        // another client address is not slowed down
        assertThat(subscribe(clientAddress(), prefix + "-other@example.invalid", "text/html", "en")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void oneEmailAddressGetsThreeRequestsAnHourFromAnywhere() throws Exception {
        String email = unique("target") + "@example.invalid";
        for (int i = 0; i < SubscribeThrottle.PER_EMAIL; i++) {
            assertThat(subscribe(clientAddress(), email, "text/html", "en").statusCode())
                    .isEqualTo(200);
        }
        var refused = subscribe(clientAddress(), email.toUpperCase(java.util.Locale.ROOT), "application/json", "en");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode json = JsonMapper.builder().build().readTree(refused.body());
        assertThat(json.get("field").asString()).isEqualTo("email");
        assertThat(stored(email)).isEqualTo(1);
        // a bad address is 400 with the field named, not 429
        var bad = subscribe(clientAddress(), "not-an-address", "text/html", "en");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"subscription-error\"");
    }
}
