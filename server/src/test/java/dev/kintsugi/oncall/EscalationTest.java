package dev.kintsugi.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The whole chain with real parts: an incident declared over HTTP pages the owning team's policy, db-scheduler
 * runs the first step, GreenMail receives the e-mail, its signed link acknowledges (after a click, once), the next
 * level is reached only while unacknowledged, resolving tells the people paged, and webhooks are retried.
 */
class EscalationTest extends NotifyingTest {
    private static final Pattern ACK = Pattern.compile("(http\\S*/webhooks/oncall/links/[A-Za-z0-9_\\-.]+)");

    @Autowired
    Paging paging;

    @Autowired
    AdjustableClock clock;

    @Test
    void anIncidentPagesOnCallEscalatesAndAnEmailLinkAcknowledgesOnce() throws Exception {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String sched = unique("sched");
        String start = dayBefore(clock.instant(), ChronoUnit.HOURS);
        assertThat(schedule(crew, sched, "UTC", List.of(rotation("r", 0, List.of(ann), start, "WEEKS", 1)))
                        .status())
                .isEqualTo(201);
        var policy = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                unique("policy"),
                                "displayName",
                                "Default",
                                "team",
                                crew.team(),
                                "teamDefault",
                                true,
                                "levels",
                                List.of(
                                        Map.of("type", "SCHEDULE", "target", sched, "timeoutMinutes", 5),
                                        Map.of("type", "USER", "target", bob, "timeoutMinutes", 5)),
                                "repeat",
                                0));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        String service = unique("svc");
        assertThat(crew.api()
                        .post(
                                "/api/v1/services",
                                Map.of(
                                        "name",
                                        service,
                                        "displayName",
                                        "Svc",
                                        "tier",
                                        "TIER_1",
                                        "ownerTeam",
                                        crew.team()))
                        .status())
                .isEqualTo(201);

        var incident = crew.api()
                .post(
                        "/api/v1/incidents",
                        Map.of("title", "Checkout down", "severity", "SEV1", "services", List.of(service)));
        assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
        String key = incident.json().get("key").asString();

        eventually(
                40,
                "the page e-mail reaches " + ann,
                () -> !mailTo(ann + "@example.test").isEmpty());
        PageView page = tx.execute(s -> paging.active("incident", key)).orElseThrow();
        assertThat(page.status()).isEqualTo(PageStatus.TRIGGERED);
        MimeMessage mail = mailTo(ann + "@example.test").getFirst();
        assertThat(mail.getSubject()).contains("SEV1").contains("Checkout down");
        assertThat(mailTo(bob + "@example.test"))
                .as("level 2 waits for its timeout")
                .isEmpty();

        // five minutes later, still unacknowledged: the next level pages bob
        int step = stepOf(page.id());
        clock.runAt(
                clock.instant().plus(Duration.ofMinutes(5)),
                () -> tx.executeWithoutResult(s -> paging.step(page.id(), step)));
        eventually(
                30,
                "the page e-mail reaches " + bob,
                () -> !mailTo(bob + "@example.test").isEmpty());

        // ann's link: GET only asks, POST acknowledges, a second POST is refused
        String path = URI.create(Mailbox.link(mail, ACK)).getPath();
        HttpClient http = HttpClient.newHttpClient();
        var shown = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("link-confirm");
        assertThat(tx.execute(s -> paging.find(page.id())).orElseThrow().status())
                .as("GET changes nothing")
                .isEqualTo(PageStatus.TRIGGERED);
        var acted = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acted.body()).contains("link-done");
        PageView acked = tx.execute(s -> paging.find(page.id())).orElseThrow();
        assertThat(acked.status()).isEqualTo(PageStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo(ann);
        var again = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).contains("link-problem");
        var forged = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path + "x"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.body()).contains("link-problem");

        // paging the same subject again keeps the running page
        assertThat(tx.execute(s -> paging.page(new PageRequest(
                                "incident", key, "again", null, "SEV1", List.of(), page.teamIds(), null, null)))
                        .id())
                .isEqualTo(page.id());

        // resolve through the API: both people paged get a notice; the delivery log shows it all
        assertThat(crew.api()
                        .post("/api/v1/oncall/pages/" + page.id() + "/resolve", null)
                        .status())
                .isEqualTo(200);
        eventually(
                30,
                "resolved notices",
                () -> mailTo(ann + "@example.test").size() == 2
                        && mailTo(bob + "@example.test").size() == 2
                        // a mail reaches the server before its attempt commits: the log must say SENT too
                        && tx.execute(s -> notifications.log(page.id())).stream()
                                .allMatch(d -> "SENT".equals(d.status())));
        JsonNode log = crew.api().get("/api/v1/oncall/pages/" + page.id()).json();
        assertThat(log.get("paged")).hasSize(2);
        assertThat(log.get("deliveries")).hasSize(4);
        log.get("deliveries")
                .forEach(d -> assertThat(d.get("status").asString()).isEqualTo("SENT"));
    }

    @Test
    void aSignedWebhookIsRetriedUntilItGoesThroughAndItsUrlIsNeverShownBack() {
        Crew crew = crew(0);
        String ann = crew.lead();
        String hook = "/hook/" + unique("h");
        HOOKS.stubFor(post(urlPathEqualTo(hook))
                .inScenario(hook)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        HOOKS.stubFor(post(urlPathEqualTo(hook))
                .inScenario(hook)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String url = "http://127.0.0.1:" + HOOKS.port() + hook + "?token=very-secret";
        var method = crew.api()
                .post(
                        "/api/v1/oncall/me/contact-methods",
                        Map.of(
                                "channel",
                                "WEBHOOK",
                                "target",
                                url,
                                "signingSecret",
                                "shared-secret",
                                "delayMinutes",
                                0));
        assertThat(method.status()).as(method.toString()).isEqualTo(201);
        assertThat(method.body()).doesNotContain("very-secret").doesNotContain("shared-secret");
        assertThat(crew.api().get("/api/v1/oncall/me/contact-methods").body()).doesNotContain("very-secret");

        var policy = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                unique("policy"),
                                "displayName",
                                "Hook",
                                "team",
                                crew.team(),
                                "levels",
                                List.of(Map.of("type", "USER", "target", ann, "timeoutMinutes", 10)),
                                "repeat",
                                0));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        long policyId = tx.execute(
                s -> policies.get(policy.json().get("name").asString()).id());
        String subject = unique("alert");
        PageView page = tx.execute(s -> paging.page(new PageRequest(
                "alert-group", subject, "Disk full", "on db-1", "critical", List.of(), List.of(), policyId, null)));

        eventually(40, "the webhook goes through on a retry", () -> {
            var d = tx.execute(s -> notifications.log(page.id()));
            return !d.isEmpty() && "SENT".equals(d.getFirst().status());
        });
        var d = tx.execute(s -> notifications.log(page.id())).getFirst();
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.targetHint()).doesNotContain("very-secret");
        List<LoggedRequest> received = HOOKS.findAll(postRequestedFor(urlPathEqualTo(hook)));
        assertThat(received).hasSize(2);
        LoggedRequest last = received.getLast();
        String timestamp = last.getHeader("X-Kintsugi-Timestamp");
        assertThat(last.getHeader("X-Kintsugi-Signature"))
                .isEqualTo("sha256=" + Senders.hmacHex("shared-secret", timestamp + "." + last.getBodyAsString()));
        assertThat(last.getBodyAsString())
                .contains("\"event\":\"page.triggered\"")
                .contains("Disk full")
                .contains("acknowledgeUrl");
        HOOKS.verify(
                2, postRequestedFor(urlPathEqualTo(hook)).withHeader("Content-Type", matching("application/json.*")));
    }

    @Autowired
    EscalationPolicies policies;

    @Autowired
    Notifications notifications;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private int stepOf(long pageId) {
        return jdbc.sql("select step from oncall_page where id = ?")
                .param(pageId)
                .query(Integer.class)
                .single();
    }
}
