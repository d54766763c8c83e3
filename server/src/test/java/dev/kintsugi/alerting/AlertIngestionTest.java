package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every fixture through the real HTTP server, deduplicated as its own tool would. */
class AlertIngestionTest extends AlertingFixtures {
    @BeforeEach
    void setUp() {
        organisation();
    }

    @Test
    void alertmanagerNotificationsOfOneGroupKeyAreOneGroupWithItsAlerts() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String body = fixture("alertmanager-firing-4-alerts-vmalert.json");
        Answer a = post("/webhooks/alertmanager/" + i.get("key").asString(), body);
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        assertThat(a.json().get("status").asString()).isEqualTo("accepted");
        JsonNode groups = awaitGroups(i.get("id").asLong(), 1);
        JsonNode g = groups.get(0);
        assertThat(g.get("dedupKey").asString()).isEqualTo("{}:{alertname=\"CPUHigh\"}");
        assertThat(g.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(g.get("sourceSeverity").asString()).isEqualTo("warning");
        assertThat(g.get("severity").asString()).isEqualTo("SEV4");
        assertThat(g.get("labels").get("alertname").asString()).isEqualTo("CPUHigh");
        assertThat(g.get("decision").asString()).isEqualTo("NOTIFY_ONLY");
        long id = g.get("id").asLong();
        assertThat(group(id).get("occurrenceCount").asLong()).isEqualTo(4);

        // the same notification again (Alertmanager's repeat_interval) is a repeat, not a new group
        assertThat(post("/webhooks/alertmanager/" + i.get("key").asString(), body)
                        .status())
                .isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("repeatCount").asInt() == 2, "a repeat");
        assertThat(groups(i.get("id").asLong()).size()).isEqualTo(1);
    }

    @Test
    void aResolvedNotificationResolvesItsGroupAndAResolveForNothingOpensNothing() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String key = i.get("key").asString();
        String resolved = fixture("alertmanager-resolved-k8s-cputhrottling.json");
        assertThat(post("/webhooks/alertmanager/" + key, resolved).status()).isEqualTo(202);
        // the same group firing (the fixture with status firing), then the unchanged resolved fixture
        ObjectNode firing = (ObjectNode) ApiClient.JSON.readTree(resolved);
        firing.put("status", "firing");
        ((ObjectNode) firing.get("alerts").get(0)).put("status", "firing");
        assertThat(post("/webhooks/alertmanager/" + key, firing.toString()).status())
                .isEqualTo(202);
        JsonNode g = awaitGroups(i.get("id").asLong(), 1).get(0);
        assertThat(g.get("title").asString()).isEqualTo("CPUThrottlingHigh");
        assertThat(g.get("links").toString()).contains("kubernetes-mixin");
        assertThat(post("/webhooks/alertmanager/" + key, resolved).status()).isEqualTo(202);
        long id = g.get("id").asLong();
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("RESOLVED"), "resolution");
        assertThat(groups(i.get("id").asLong()).size()).isEqualTo(1);
    }

    @Test
    void grafanaVariantIsAccepted() {
        JsonNode i = integration(SourceType.GRAFANA, Map.of("routing", "NOTIFY_ONLY"));
        Answer a = post(
                "/webhooks/grafana/" + i.get("key").asString(),
                fixture("alertmanager-grafana-webhook-docs-example.json"));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        JsonNode g = awaitGroups(i.get("id").asLong(), 1).get(0);
        assertThat(g.get("title").asString()).isEqualTo("[FIRING:2]  (blue)");
        assertThat(g.get("links").toString()).contains("https://myrunbook.com/runbook/1234");
        assertThat(group(g.get("id").asLong()).get("occurrenceCount").asLong()).isEqualTo(2);
    }

    @Test
    void pagerDutyTriggerAcknowledgeResolveAnswerAsPagerDuty() {
        JsonNode i =
                integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY", "key", "pd-" + unique("routing")));
        String key = i.get("key").asString();
        ObjectNode trigger = (ObjectNode) ApiClient.JSON.readTree(fixture("pagerduty-trigger-api-schema-example.json"));
        trigger.put("routing_key", key);
        Answer a = post("/webhooks/pagerduty/v2/enqueue", trigger.toString());
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        JsonNode expected = ApiClient.JSON.readTree(fixture("pagerduty-response-success.json"));
        assertThat(a.json().propertyNames()).containsExactlyElementsOf(expected.propertyNames());
        assertThat(a.json().get("status").asString()).isEqualTo("success");
        assertThat(a.json().get("message").asString()).isEqualTo("Event processed");
        assertThat(a.json().get("dedup_key").asString()).isEqualTo("srv01/mysql");
        JsonNode g = awaitGroups(i.get("id").asLong(), 1).get(0);
        assertThat(g.get("title").asString()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(g.get("severity").asString()).isEqualTo("SEV2");
        assertThat(g.get("labels").get("free space").asString()).isEqualTo("1%");
        assertThat(g.get("links").toString()).contains("http://pagerduty.example.com");
        long id = g.get("id").asLong();

        ObjectNode ack = (ObjectNode) ApiClient.JSON.readTree(fixture("pagerduty-acknowledge.json"));
        ack.put("routing_key", key).put("dedup_key", "srv01/mysql");
        assertThat(post("/webhooks/pagerduty/v2/enqueue", ack.toString()).status())
                .isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("ACKNOWLEDGED"), "ack");
        ObjectNode resolve = (ObjectNode) ApiClient.JSON.readTree(fixture("pagerduty-resolve.json"));
        resolve.put("routing_key", key).put("dedup_key", "srv01/mysql");
        assertThat(post("/webhooks/pagerduty/v2/enqueue", resolve.toString()).status())
                .isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("RESOLVED"), "resolve");

        // after a resolution the same dedup key opens a new group, as PagerDuty opens a new incident
        assertThat(post("/webhooks/pagerduty/v2/enqueue", trigger.toString()).status())
                .isEqualTo(202);
        awaitGroups(i.get("id").asLong(), 2);
    }

    @Test
    void pagerDutyFixturesAreAcceptedUnchangedWithTheirOwnRoutingKeys() {
        // moving off PagerDuty: the integration keeps the sender's routing key, so only the URL changes
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY", "key", "routingkeyhere"));
        ObjectNode trigger = (ObjectNode) ApiClient.JSON.readTree(fixture("pagerduty-trigger-api-schema-example.json"));
        trigger.put("routing_key", "routingkeyhere").put("dedup_key", "dedupkeyhere");
        assertThat(post("/webhooks/pagerduty/v2/enqueue", trigger.toString()).status())
                .isEqualTo(202);
        long id = awaitGroups(i.get("id").asLong(), 1).get(0).get("id").asLong();
        Answer ack = post("/webhooks/pagerduty/v2/enqueue", fixture("pagerduty-acknowledge.json"));
        assertThat(ack.status()).as(ack.toString()).isEqualTo(202);
        assertThat(ack.json().get("dedup_key").asString()).isEqualTo("dedupkeyhere");
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("ACKNOWLEDGED"), "ack");
        assertThat(post("/webhooks/pagerduty/v2/enqueue", fixture("pagerduty-resolve.json"))
                        .status())
                .isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("RESOLVED"), "resolve");
    }

    @Test
    void malformedPagerDutyEventsAre400InPagerDutysShapeAndStoreNothing() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));
        String key = i.get("key").asString();
        Answer garbage = post("/webhooks/pagerduty/v2/enqueue", "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json()).isEqualTo(ApiClient.JSON.readTree(fixture("pagerduty-response-error.json")));

        Answer noSummary = post(
                "/webhooks/pagerduty/v2/enqueue",
                "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"x\","
                        + "\"severity\":\"loud\"}}");
        assertThat(noSummary.status()).isEqualTo(400);
        assertThat(noSummary.json().get("status").asString()).isEqualTo("invalid event");
        assertThat(noSummary.json().get("errors").toString())
                .contains("'payload.summary' is missing or blank")
                .contains("'payload.severity' is invalid");

        Answer wrongKey = post(
                "/webhooks/pagerduty/v2/enqueue",
                fixture("pagerduty-trigger-api-schema-example.json")
                        .replace("e93facc04764012d7bfb002500d5d1a6", "nope"));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.json().get("errors").toString()).contains("Invalid routing key");
        assertThat(groups(i.get("id").asLong()).size()).isZero();
    }

    @Test
    void wrongKeysAreRefusedWithProblemDetailsAndStoreNothing() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String body = fixture("alertmanager-firing-4-alerts-vmalert.json");
        Answer a = post("/webhooks/alertmanager/not-a-key", body);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        // a key of another source is not a key here
        JsonNode pd = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));
        assertThat(post("/webhooks/alertmanager/" + pd.get("key").asString(), body)
                        .status())
                .isEqualTo(401);
        Answer malformed = post("/webhooks/alertmanager/" + i.get("key").asString(), "{\"status\":\"firing\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asString()).isEqualTo("groupKey");
        assertThat(post("/webhooks/alertmanager/" + i.get("key").asString(), "[1,2")
                        .status())
                .isEqualTo(400);
        assertThat(groups(i.get("id").asLong()).size()).isZero();
    }
}
