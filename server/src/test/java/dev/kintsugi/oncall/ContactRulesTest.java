package dev.kintsugi.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.support.VersionedApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Per-person contact rules end to end: saved through the API (ETag, If-Match, problem details), a page of SEV1
 * e-mails at once (GreenMail), sets db-scheduler timers for Teams (WireMock) at minute 5 and the webhook at minute
 * 10, Teams goes at minute 5, and acknowledging cancels the webhook step and removes its timer; a SEV3 page takes only the steps for it, the others logged as skipped with why.
 */
class ContactRulesTest extends NotifyingTest {
    @Autowired
    Paging paging;

    @Autowired
    Notifications notifications;

    @Autowired
    DeliveryAttempts deliveries;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    AdjustableClock clock;

    @Test
    void stepsGoAtTheirMinuteForTheirSeveritiesAndAcknowledgingCancelsTheRest() {
        Crew crew = crew(0);
        String ann = crew.lead();
        String mail = unique("ann") + "@example.test";
        String teamsPath = "/teams/" + unique("t");
        String hookPath = "/hook/" + unique("h");
        HOOKS.stubFor(post(urlPathEqualTo(teamsPath)).willReturn(aResponse().withStatus(202)));
        HOOKS.stubFor(post(urlPathEqualTo(hookPath)).willReturn(aResponse().withStatus(200)));
        long email = method(crew, "EMAIL", mail);
        long teams = method(crew, "TEAMS", "http://127.0.0.1:" + HOOKS.port() + teamsPath);
        long hook = method(crew, "WEBHOOK", "http://127.0.0.1:" + HOOKS.port() + hookPath);
        VersionedApi api = new VersionedApi(
                baseUrl(), tx.execute(s -> tokens.create(ann, "test", null).value()));

        // nothing saved: the default rule set, each method after its delay, for every severity
        var initial = api.get("/api/v1/oncall/me/contact-rules");
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.etag()).isEqualTo("\"0\"");
        assertThat(initial.json().get("custom").asBoolean()).isFalse();
        assertThat(initial.json().get("steps")).hasSize(3);

        // refusals name the field, in problem details
        var notMine = api.send(
                "PUT", "/api/v1/oncall/me/contact-rules", Map.of("steps", List.of(step(999_999L, 0, null))), "\"0\"");
        assertThat(notMine.status()).isEqualTo(400);
        assertThat(notMine.body()).contains("steps[0].methodId");
        var both = api.send(
                "PUT",
                "/api/v1/oncall/me/contact-rules",
                Map.of(
                        "steps",
                        List.of(Map.of(
                                "methodId",
                                email,
                                "delayMinutes",
                                0,
                                "severities",
                                List.of("SEV1"),
                                "minSeverity",
                                "SEV2"))),
                "\"0\"");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("steps[0].minSeverity");

        List<Map<String, Object>> rules = List.of(
                step(email, 0, null),
                Map.of("methodId", teams, "delayMinutes", 5, "severities", List.of("SEV1", "SEV2")),
                Map.of("methodId", hook, "delayMinutes", 10, "minSeverity", "SEV2"));
        var saved = api.send("PUT", "/api/v1/oncall/me/contact-rules", Map.of("steps", rules), "\"0\"");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.etag()).isEqualTo("\"1\"");
        assertThat(saved.json().get("custom").asBoolean()).isTrue();
        assertThat(saved.json().get("steps").get(2).get("minSeverity").asString())
                .isEqualTo("SEV2");
        var stale = api.send("PUT", "/api/v1/oncall/me/contact-rules", Map.of("steps", rules), "\"0\"");
        assertThat(stale.status()).isEqualTo(412);

        long policyId = policy(crew, ann);

        // a SEV1 page: e-mail at once, Teams at minute 5, the webhook at minute 10
        PageView page = tx.execute(s -> paging.page(new PageRequest(
                "alert-group", unique("a"), "Disk full", "on db-1", "SEV1", List.of(), List.of(), policyId, null)));
        // the mail reaches the server before its attempt commits: wait for the log to say SENT too
        eventually(
                40,
                "the e-mail step",
                () -> !mailTo(mail).isEmpty()
                        && "SENT".equals(byMethod(page.id(), email).status()));
        Instant pagedAt = deliveries(page.id()).getFirst().createdAt();
        Delivery teamsStep = byMethod(page.id(), teams);
        Delivery hookStep = byMethod(page.id(), hook);
        assertThat(teamsStep.status()).isEqualTo("PENDING");
        assertThat(teamsStep.dueAt()).isEqualTo(pagedAt.plus(Duration.ofMinutes(5)));
        assertThat(hookStep.dueAt()).isEqualTo(pagedAt.plus(Duration.ofMinutes(10)));
        assertThat(teamsStep.reasonCode()).isEqualTo("oncall.why.step");
        assertThat(teamsStep.reasonArgs()).containsExactly("2", "5", "SEV1, SEV2");

        // each delayed step is a db-scheduler timer set for its minute (on the scheduler's clock, the system's)
        assertThat(timer(teamsStep.id()))
                .isBetween(
                        pagedAt.plus(Duration.ofMinutes(5)).minusSeconds(1),
                        pagedAt.plus(Duration.ofMinutes(5)).plusSeconds(5));
        assertThat(timer(hookStep.id()))
                .isBetween(
                        pagedAt.plus(Duration.ofMinutes(10)).minusSeconds(1),
                        pagedAt.plus(Duration.ofMinutes(10)).plusSeconds(5));
        assertThat(HOOKS.findAll(postRequestedFor(urlPathEqualTo(teamsPath))))
                .as("not before its minute")
                .isEmpty();
        clock.runAt(
                pagedAt.plus(Duration.ofMinutes(5)),
                () -> tx.executeWithoutResult(s -> deliveries.attempt(teamsStep.id(), 0)));
        Delivery teamsSent = byMethod(page.id(), teams);
        assertThat(teamsSent.status()).as(teamsSent.toString()).isEqualTo("SENT");
        assertThat(HOOKS.findAll(postRequestedFor(urlPathEqualTo(teamsPath))))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.getBodyAsString()).contains("AdaptiveCard").contains("Disk full"));

        // acknowledged at minute 7: the webhook step of minute 10 is cancelled, and says why
        clock.runAt(
                pagedAt.plus(Duration.ofMinutes(7)),
                () -> tx.executeWithoutResult(s -> paging.acknowledge(page.id(), ann)));
        Delivery cancelled = byMethod(page.id(), hook);
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.reasonCode()).isEqualTo("oncall.why.acknowledged");
        assertThat(cancelled.reasonArgs()).containsExactly(ann);
        eventually(20, "the cancelled step's timer is removed", () -> timerOrNull(hookStep.id()) == null);
        clock.runAt(
                pagedAt.plus(Duration.ofMinutes(10)),
                () -> tx.executeWithoutResult(s -> deliveries.attempt(hookStep.id(), 0)));
        assertThat(HOOKS.findAll(postRequestedFor(urlPathEqualTo(hookPath)))).isEmpty();

        // a SEV3 page takes the e-mail step only; the two others are skipped, with why
        int mailsBefore = mailTo(mail).size();
        PageView low = tx.execute(s -> paging.page(new PageRequest(
                "alert-group", unique("a"), "Slow batch", null, "SEV3", List.of(), List.of(), policyId, null)));
        eventually(40, "the e-mail step of the SEV3 page", () -> mailTo(mail).size() > mailsBefore);
        Delivery skippedTeams = byMethod(low.id(), teams);
        assertThat(skippedTeams.status()).isEqualTo("SKIPPED");
        assertThat(skippedTeams.reasonCode()).isEqualTo("oncall.why.severity");
        assertThat(skippedTeams.reasonArgs()).containsExactly("2", "SEV3", "SEV1, SEV2");
        assertThat(byMethod(low.id(), hook).reasonArgs()).containsExactly("3", "SEV3", "SEV1–SEV2");
        JsonNode log = crew.api().get("/api/v1/oncall/pages/" + low.id()).json();
        assertThat(log.get("deliveries")).hasSize(3);

        // the delivery log says why in the reader's language
        String french = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), ann, "password-long-enough")
                .get("/oncall/pages/" + low.id(), Map.of("Accept-Language", "fr"))
                .body();
        assertThat(french).contains("étape 2 sautée\u202f: l’appel est SEV3, l’étape est pour SEV1, SEV2");

        // an empty list goes back to the default rules; a removed method takes its steps with it
        var reset = api.send("PUT", "/api/v1/oncall/me/contact-rules", Map.of("steps", List.of()), "\"1\"");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("custom").asBoolean()).isFalse();
        assertThat(reset.etag()).isEqualTo("\"2\"");
    }

    @Test
    void whenNoStepIsForThePageTheAccountAddressIsMailedAtOnce() {
        Crew crew = crew(0);
        String ann = crew.lead();
        String teamsPath = "/teams/" + unique("t");
        HOOKS.stubFor(post(urlPathEqualTo(teamsPath)).willReturn(aResponse().withStatus(202)));
        long teams = method(crew, "TEAMS", "http://127.0.0.1:" + HOOKS.port() + teamsPath);
        var saved = crew.api()
                .put(
                        "/api/v1/oncall/me/contact-rules",
                        Map.of("steps", List.of(Map.of("methodId", teams, "delayMinutes", 0, "minSeverity", "SEV1"))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        long policyId = policy(crew, ann);
        PageView page = tx.execute(s -> paging.page(new PageRequest(
                "alert-group", unique("a"), "Queue backlog", null, "SEV4", List.of(), List.of(), policyId, null)));
        eventually(
                40,
                "the account's e-mail, logged as sent",
                () -> !mailTo(ann + "@example.test").isEmpty()
                        && deliveries(page.id()).stream().anyMatch(d -> "SENT".equals(d.status())));
        List<Delivery> log = deliveries(page.id());
        assertThat(log).extracting(Delivery::status).containsExactly("SKIPPED", "SENT");
        assertThat(log.get(1).reasonCode()).isEqualTo("oncall.why.noStepTakes");
        assertThat(log.get(1).methodId()).isNull();
        assertThat(HOOKS.findAll(postRequestedFor(urlPathEqualTo(teamsPath)))).isEmpty();

        // removing the method removes its step: back to the default rules
        assertThat(crew.api()
                        .delete("/api/v1/oncall/me/contact-methods/" + teams)
                        .status())
                .isEqualTo(204);
        JsonNode after = crew.api().get("/api/v1/oncall/me/contact-rules").json();
        assertThat(after.get("custom").asBoolean()).isFalse();
        assertThat(after.get("version").asLong()).isEqualTo(2);
    }

    private static Map<String, Object> step(Long methodId, int delay, List<String> severities) {
        var m = new java.util.HashMap<String, Object>();
        m.put("methodId", methodId);
        m.put("delayMinutes", delay);
        if (severities != null) {
            m.put("severities", severities);
        }
        return m;
    }

    private long method(Crew crew, String channel, String target) {
        var r = crew.api()
                .post(
                        "/api/v1/oncall/me/contact-methods",
                        Map.of("channel", channel, "target", target, "delayMinutes", 0));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long policy(Crew crew, String who) {
        var policy = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                unique("policy"),
                                "displayName",
                                "Rules",
                                "team",
                                crew.team(),
                                "levels",
                                List.of(Map.of("type", "USER", "target", who, "timeoutMinutes", 60)),
                                "repeat",
                                0));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        return tx.execute(
                s -> policies.get(policy.json().get("name").asString()).id());
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** When db-scheduler will run a delivery's first attempt. */
    private Instant timer(long deliveryId) {
        Instant at = timerOrNull(deliveryId);
        assertThat(at).as("timer of delivery " + deliveryId).isNotNull();
        return at;
    }

    private Instant timerOrNull(long deliveryId) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(OnCallTimers.DELIVERY, "delivery-" + deliveryId + "-0")
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional()
                .orElse(null);
    }

    private List<Delivery> deliveries(long pageId) {
        return tx.execute(s -> notifications.log(pageId));
    }

    private Delivery byMethod(long pageId, long methodId) {
        return deliveries(pageId).stream()
                .filter(d -> d.methodId() != null && d.methodId() == methodId)
                .findFirst()
                .orElseThrow();
    }
}
