package dev.kintsugi.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.MonkeyTerminated;
import dev.kintsugi.chaos.MonkeyTermination;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.platform.UserManagement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Chaos Monkey's announcement reaches the owning team's members through their chat and webhook contact methods
 * (WireMock), in each one's language, once per method: Slack gets the service and the target, a signed webhook
 * gets event {@code notice}; a leashed termination says nothing was done; someone outside the team gets nothing.
 */
class MonkeyAnnouncementsTest extends NotifyingTest {
    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    CatalogManagement catalog;

    @Test
    void theOwningTeamHearsOfATerminationThroughItsChatAndWebhookMethods() {
        Crew crew = crew(1);
        String french = crew.people().get(1);
        tx.executeWithoutResult(
                s -> users.updateProfile(french, new UserManagement.ProfileChange(null, null, null, "fr")));
        Crew outsiders = crew(0);
        String slack = "/services/" + unique("T0") + "/B0/monkey";
        String slackFr = "/services/" + unique("T0") + "/B0/monkey-fr";
        String hook = "/hooks/" + unique("monkey");
        String outsiderHook = "/hooks/" + unique("outsider");
        for (String path : List.of(slack, slackFr, hook, outsiderHook)) {
            HOOKS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        }
        addMethod(crew.api(), "SLACK", slack, null);
        addMethod(crew.api(), "WEBHOOK", hook, "announce-secret");
        addMethod(apiAs(french), "SLACK", slackFr, null);
        addMethod(outsiders.api(), "WEBHOOK", outsiderHook, null);
        String service = unique("svc");
        var created = crew.api()
                .post(
                        "/api/v1/services",
                        Map.of("name", service, "displayName", "Svc", "tier", "TIER_3", "ownerTeam", crew.team()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long serviceId =
                tx.execute(s -> catalog.findService(service).orElseThrow().id());
        long teamId =
                tx.execute(s -> catalog.findTeam(crew.team()).orElseThrow().id());

        publish(new MonkeyTerminated(
                41, serviceId, Set.of(teamId), "prod", MonkeyTermination.POD, "web-7f9c", false, Instant.now(), null));

        eventually(
                30,
                "Slack, the French Slack and the webhook are called",
                () -> calls(slack).size() == 1
                        && calls(slackFr).size() == 1
                        && calls(hook).size() == 1);
        assertThat(text(calls(slack).getFirst()))
                .contains(service)
                .contains("web-7f9c was terminated")
                .contains("delete a Kubernetes pod")
                .contains("/chaos/monkey?service=" + service);
        assertThat(text(calls(slackFr).getFirst()))
                .contains("web-7f9c a été arrêté")
                .contains("supprimer un pod Kubernetes");
        LoggedRequest signed = calls(hook).getFirst();
        JsonNode body = JsonMapper.builder().build().readTree(signed.getBodyAsString());
        assertThat(body.get("event").asString()).isEqualTo("notice");
        assertThat(body.get("subjectType").asString()).isEqualTo("chaos-monkey");
        assertThat(body.get("subjectId").asString()).isEqualTo("41");
        assertThat(signed.getHeader("X-Kintsugi-Signature"))
                .isEqualTo("sha256="
                        + Senders.hmacHex(
                                "announce-secret",
                                signed.getHeader("X-Kintsugi-Timestamp") + "." + signed.getBodyAsString()));

        publish(new MonkeyTerminated(
                42, serviceId, Set.of(teamId), "prod", MonkeyTermination.POD, "web-8a1d", true, Instant.now(), null));
        eventually(30, "the leashed one is announced too", () -> calls(slack).size() == 2);
        assertThat(text(calls(slack).getLast()))
                .contains("(leashed)")
                .contains("web-8a1d would have been terminated; nothing was done");
        assertThat(calls(outsiderHook)).isEmpty();
    }

    private void publish(MonkeyTerminated e) {
        tx.executeWithoutResult(s -> events.publishEvent(e));
    }

    private static void addMethod(dev.kintsugi.support.ApiClient api, String channel, String path, String secret) {
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("channel", channel, "target", "http://127.0.0.1:" + HOOKS.port() + path, "delayMinutes", 0));
        if (secret != null) {
            body.put("signingSecret", secret);
        }
        var r = api.post("/api/v1/oncall/me/contact-methods", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static List<LoggedRequest> calls(String path) {
        return HOOKS.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static String text(LoggedRequest r) {
        return JsonMapper.builder()
                .build()
                .readTree(r.getBodyAsString())
                .get("text")
                .asString();
    }
}
