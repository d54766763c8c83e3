package dev.kintsugi.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack and Mattermost incoming webhooks for real through WireMock: a page reaches both, Slack's first answer
 * (503) is retried with back-off until it goes through, and both get Slack's {@code {text}} with the page and
 * its signed acknowledge link.
 */
class ChatWebhooksTest extends NotifyingTest {
    @Autowired
    Paging paging;

    @Autowired
    Notifications notifications;

    @Autowired
    EscalationPolicies policies;

    @Test
    void slackIsRetriedUntilItGoesThroughAndMattermostGetsTheSameText() {
        Crew crew = crew(0);
        String ann = crew.lead();
        String slack = "/services/" + unique("T0") + "/B0/x";
        String mattermost = "/hooks/" + unique("mm");
        HOOKS.stubFor(post(urlPathEqualTo(slack))
                .inScenario(slack)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        HOOKS.stubFor(post(urlPathEqualTo(slack))
                .inScenario(slack)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        HOOKS.stubFor(post(urlPathEqualTo(mattermost)).willReturn(aResponse().withStatus(200)));
        for (var m : List.of(Map.of("SLACK", slack), Map.of("MATTERMOST", mattermost))) {
            var e = m.entrySet().iterator().next();
            var r = crew.api()
                    .post(
                            "/api/v1/oncall/me/contact-methods",
                            Map.of(
                                    "channel",
                                    e.getKey(),
                                    "target",
                                    "http://127.0.0.1:" + HOOKS.port() + e.getValue(),
                                    "delayMinutes",
                                    0));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        var policy = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                unique("policy"),
                                "displayName",
                                "Chat",
                                "team",
                                crew.team(),
                                "levels",
                                List.of(Map.of("type", "USER", "target", ann, "timeoutMinutes", 30)),
                                "repeat",
                                0));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        long policyId = tx.execute(
                s -> policies.get(policy.json().get("name").asString()).id());
        PageView page = tx.execute(s -> paging.page(new PageRequest(
                "alert-group", unique("a"), "Checkout 5xx", "on web-1", "SEV2", List.of(), List.of(), policyId, null)));

        eventually(60, "both deliveries sent", () -> {
            List<Delivery> log = tx.execute(s -> notifications.log(page.id()));
            return log.size() == 2 && log.stream().allMatch(d -> "SENT".equals(d.status()));
        });
        List<Delivery> log = tx.execute(s -> notifications.log(page.id()));
        assertThat(log)
                .filteredOn(d -> "SLACK".equals(d.channel()))
                .singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
        assertThat(log)
                .filteredOn(d -> "MATTERMOST".equals(d.channel()))
                .singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
        List<LoggedRequest> slackCalls = HOOKS.findAll(postRequestedFor(urlPathEqualTo(slack)));
        assertThat(slackCalls).hasSize(2);
        for (LoggedRequest r : List.of(
                slackCalls.getLast(),
                HOOKS.findAll(postRequestedFor(urlPathEqualTo(mattermost))).getFirst())) {
            JsonNode body = JsonMapper.builder().build().readTree(r.getBodyAsString());
            assertThat(body.get("text").asString())
                    .contains("SEV2")
                    .contains("Checkout 5xx")
                    .contains("/webhooks/oncall/links/");
        }
    }
}
