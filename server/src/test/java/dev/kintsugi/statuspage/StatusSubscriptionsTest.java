package dev.kintsugi.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.kintsugi.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Subscriptions end to end through real servers: an e-mail subscriber's double opt-in, the update mail with its
 * RFC 8058 headers and one-click unsubscribe (GreenMail), and a signed webhook retried after a failure (WireMock).
 * A context and database of its own (db-scheduler of another context would pick these deliveries).
 */
class StatusSubscriptionsTest extends IntegrationTest {
    static final Mailbox MAIL = Mailbox.start();
    static final WireMockServer HOOKS;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern CONFIRM = Pattern.compile("(http://\\S+/status/subscriptions/\\d+/[A-Za-z0-9_-]+/confirm)");

    static {
        HOOKS = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        HOOKS.start();
    }

    @DynamicPropertySource
    static void notifying(DynamicPropertyRegistry registry) {
        Mailbox.ownDatabase(registry, "kintsugi-statuspage-notify");
        MAIL.register(registry);
        registry.add("kintsugi.statuspage.retry-backoff", () -> "1s");
    }

    @Autowired
    CatalogManagement catalog;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void doubleOptInUpdateMailOneClickUnsubscribeAndSignedRetriedWebhooks() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        String comms = createUser(unique("comms"), Role.RESPONDER, "password-comms-1234");
        ApiClient commsApi = apiAs(comms);
        String team = unique("team");
        String service = unique("svc");
        String other = unique("other");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(new ServiceDraft(service, "S " + service, null, Tier.TIER_1, team, null, null, null));
            catalog.createService(new ServiceDraft(other, "O " + other, null, Tier.TIER_1, team, null, null, null));
        });
        long componentId = admin.put("/api/v1/status-page/components/" + service, Map.of("name", "Payments"))
                .json()
                .get("serviceId")
                .asLong();
        admin.put("/api/v1/status-page/components/" + other, Map.of("name", "Search"));

        // a webhook that fails once, then answers
        String hookPath = "/hooks/" + unique("h");
        HOOKS.stubFor(post(urlEqualTo(hookPath))
                .inScenario(hookPath)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        HOOKS.stubFor(post(urlEqualTo(hookPath))
                .inScenario(hookPath)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        var hook = admin.post(
                "/api/v1/status-page/webhooks",
                Map.of("url", HOOKS.baseUrl() + hookPath, "secret", "s3cret-webhook-key-123"));
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        assertThat(hook.json().get("secret").asString()).isEqualTo("s3cret-webhook-key-123");
        assertThat(admin.get("/api/v1/status-page/webhooks").body()).doesNotContain("s3cret", hookPath);

        // subscribe (the public form: anonymous, no CSRF token), to one component only
        String address = unique("customer") + "@example.test";
        var subscribed = form(baseUrl() + "/status/subscribe", "email=" + enc(address) + "&services=" + componentId);
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        assertThat(subscribed.body()).contains("Check your inbox");
        assertThat(form(baseUrl() + "/status/subscribe", "email=not-an-address").statusCode())
                .isEqualTo(400);

        eventually(60, "the confirmation mail", () -> !MAIL.mailTo(address).isEmpty());
        String confirm = Mailbox.link(MAIL.mailTo(address).getFirst(), CONFIRM);
        // following the link confirms nothing yet (a mail scanner may follow it): it shows a button
        var page = HTTP.send(
                HttpRequest.newBuilder(URI.create(local(confirm))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("subscription-action");
        assertThat(form(local(confirm).replaceAll("/[A-Za-z0-9_-]+/confirm$", "/AAAA/confirm"), "")
                        .statusCode())
                .isEqualTo(404);
        var confirmed = form(local(confirm), "");
        assertThat(confirmed.body()).contains("Your subscription is confirmed.");

        // an update on the component followed reaches the subscriber and the webhook
        String key = declare(admin, service, comms);
        String title = "Payments fail " + unique("t");
        assertThat(commsApi.post(
                                "/api/v1/status-page/incidents/" + key + "/updates",
                                Map.of("status", "INVESTIGATING", "title", title, "body", "We are on it."))
                        .status())
                .isEqualTo(201);
        eventually(60, "the update mail", () -> MAIL.mailTo(address).size() == 2);
        MimeMessage update = MAIL.mailTo(address).get(1);
        assertThat(update.getSubject()).isEqualTo(title + " — Investigating");
        assertThat(Mailbox.body(update)).contains("We are on it.");
        String unsubscribe = update.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<http://\\S+/unsubscribe>");
        assertThat(update.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        eventually(60, "the webhook, after its retry", () -> requests(hookPath).size() >= 2);
        LoggedRequest delivered = requests(hookPath).getLast();
        String timestamp = delivered.getHeader("X-Kintsugi-Timestamp");
        String body = delivered.getBodyAsString();
        assertThat(delivered.getHeader("X-Kintsugi-Signature"))
                .isEqualTo(StatusDeliveries.signature("s3cret-webhook-key-123", timestamp, body));
        assertThat(body).contains("\"event\":\"update\"", title, "We are on it.");
        assertThat(requests(hookPath).getFirst().getBodyAsString()).isEqualTo(body);

        // an incident on a component the subscriber does not follow: no mail; the webhook hears of it
        String otherKey = declare(admin, other, comms);
        String otherTitle = "Search slow " + unique("o");
        commsApi.post(
                "/api/v1/status-page/incidents/" + otherKey + "/updates",
                Map.of("status", "INVESTIGATING", "title", otherTitle, "body", "Slow."));
        eventually(
                60,
                "the webhook of the other incident",
                () -> requests(hookPath).stream()
                        .anyMatch(r -> r.getBodyAsString().contains(otherTitle)));

        // one-click unsubscribe (RFC 8058): the mail client POSTs List-Unsubscribe=One-Click to the link
        String url = unsubscribe.substring(1, unsubscribe.length() - 1);
        var gone = form(local(url), "List-Unsubscribe=One-Click");
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(gone.body()).contains("You will not receive updates any more.");
        String last = "Payments back " + unique("b");
        commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "RESOLVED", "title", last, "body", "Fixed."));
        eventually(
                60,
                "the webhook of the last update",
                () -> requests(hookPath).stream()
                        .anyMatch(r -> r.getBodyAsString().contains(last)));
        // the subscriber is gone (with any delivery it had): nothing more can be queued for it
        assertThat(jdbc.sql("select count(*) from statuspage_subscriber where target = ?")
                        .param(address)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(MAIL.mailTo(address)).hasSize(2);
    }

    private String declare(ApiClient api, String service, String comms) {
        var r = api.post(
                "/api/v1/incidents",
                Map.of("title", "Internal " + service, "severity", "SEV2", "services", List.of(service)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String key = r.json().get("key").asString();
        api.put("/api/v1/incidents/" + key + "/roles/communications", Map.of("username", comms));
        return key;
    }

    /** The application's own link, on this test's port (kintsugi.base-url is localhost:8080). */
    private String local(String link) {
        return link.replaceFirst("^http://[^/]+", baseUrl());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> form(String url, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<LoggedRequest> requests(String path) {
        return HOOKS.findAll(postRequestedFor(urlEqualTo(path)));
    }
}
