package dev.kintsugi.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Teams, received by a real HTTP server (WireMock): a Workflows webhook gets the message envelope with an
 * Adaptive Card 1.4 attachment and its acknowledge/resolve actions; a legacy connector gets a MessageCard.
 */
class TeamsCardTest extends NotifyingTest {
    @Autowired
    Paging paging;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    Notifications notifications;

    @Autowired
    JsonMapper json;

    @Test
    void teamsWorkflowsGetAnAdaptiveCardAndLegacyConnectorsAMessageCard() {
        Crew crew = crew(0);
        String workflow = "/teams-workflow/" + unique("w");
        String connector = "/teams-connector/" + unique("c");
        HOOKS.stubFor(post(urlPathEqualTo(workflow)).willReturn(aResponse().withStatus(202)));
        HOOKS.stubFor(post(urlPathEqualTo(connector)).willReturn(aResponse().withStatus(200)));
        for (var m : List.of(
                Map.of("channel", "TEAMS", "path", workflow),
                Map.of("channel", "TEAMS_CONNECTOR", "path", connector))) {
            var added = crew.api()
                    .post(
                            "/api/v1/oncall/me/contact-methods",
                            Map.of(
                                    "channel",
                                    m.get("channel"),
                                    "target",
                                    "http://127.0.0.1:" + HOOKS.port() + m.get("path"),
                                    "delayMinutes",
                                    0));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        var policy = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name", unique("policy"),
                                "displayName", "Teams",
                                "team", crew.team(),
                                "levels", List.of(Map.of("type", "USER", "target", crew.lead(), "timeoutMinutes", 10)),
                                "repeat", 0));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        long policyId = tx.execute(
                s -> policies.get(policy.json().get("name").asString()).id());
        PageView page = tx.execute(s -> paging.page(new PageRequest(
                "alert-group",
                unique("a"),
                "Checkout down",
                "5xx above 5 %",
                "SEV1",
                List.of(),
                List.of(),
                policyId,
                null)));
        eventually(30, "both Teams deliveries are sent", () -> {
            var log = tx.execute(s -> notifications.log(page.id()));
            return log.size() == 2 && log.stream().allMatch(d -> "SENT".equals(d.status()));
        });

        LoggedRequest w =
                HOOKS.findAll(postRequestedFor(urlPathEqualTo(workflow))).getFirst();
        JsonNode message = json.readTree(w.getBodyAsString());
        assertThat(message.get("type").asString()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asString()).isEqualTo("1.4");
        assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.get("body").get(0).get("type").asString()).isEqualTo("TextBlock");
        assertThat(card.get("body").get(0).get("text").asString()).contains("Checkout down");
        assertThat(card.get("body").get(1).get("text").asString()).isEqualTo("5xx above 5 %");
        JsonNode actions = card.get("actions");
        assertThat(actions.get(0).get("type").asString()).isEqualTo("Action.OpenUrl");
        assertThat(actions.get(0).get("title").asString()).isEqualTo("Acknowledge");
        assertThat(actions.get(0).get("url").asString()).contains("/webhooks/oncall/links/");
        assertThat(actions.get(1).get("title").asString()).isEqualTo("Resolve");

        JsonNode legacy = json.readTree(HOOKS.findAll(postRequestedFor(urlPathEqualTo(connector)))
                .getFirst()
                .getBodyAsString());
        assertThat(legacy.get("@type").asString()).isEqualTo("MessageCard");
        assertThat(legacy.get("potentialAction")).hasSize(2);
        assertThat(legacy.get("potentialAction").get(0).get("@type").asString()).isEqualTo("OpenUri");
    }
}
