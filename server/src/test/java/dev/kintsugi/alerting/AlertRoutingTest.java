package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Routing to incidents, acknowledgement both ways, silences, maintenance, flapping and storms. */
class AlertRoutingTest extends AlertingFixtures {
    @Autowired
    IncidentManagement incidents;

    @BeforeEach
    void setUp() {
        organisation();
    }

    private String pd(String key, String action, String dedup, String severity) {
        return """
                {"routing_key":"%s","event_action":"%s","dedup_key":"%s",
                 "payload":{"summary":"Checkout errors %s","source":"web-1","severity":"%s"}}""".formatted(key, action, dedup, dedup, severity);
    }

    private JsonNode trigger(JsonNode integration, String dedup, String severity) {
        Answer a = post(
                "/webhooks/pagerduty/v2/enqueue", pd(integration.get("key").asString(), "trigger", dedup, severity));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        return await(
                        () -> api.get("/api/v1/alerting/groups?open=true&integration="
                                        + integration.get("id").asLong() + "&q=" + dedup)
                                .json(),
                        g -> g.size() == 1 && g.get(0).has("incidentKey")
                                || g.size() == 1
                                        && !g.get(0).get("decision").asString().equals("PAGE"),
                        "group " + dedup)
                .get(0);
    }

    private IncidentView incident(String key) {
        return tx.execute(s -> incidents.get(key));
    }

    private List<TimelineEntry> timeline(String key) {
        return tx.execute(s -> incidents.timeline(key));
    }

    @Test
    void openIncidentRoutingDeclaresAnIncidentWithTheMappedSeverityAndAnAlertEntry() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        JsonNode g = trigger(i, unique("dk"), "critical");
        assertThat(g.get("decision").asString()).isEqualTo("PAGE");
        String key = g.get("incidentKey").asString();
        IncidentView inc = incident(key);
        assertThat(inc.severity().name()).isEqualTo("SEV2");
        assertThat(inc.services()).extracting(IncidentView.ServiceRef::name).containsExactly(service);
        assertThat(timeline(key))
                .filteredOn(e -> e.kind() == TimelineEntryKind.ALERT)
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered");
        // a second alert of the same service opens another incident with OPEN_INCIDENT
        JsonNode other = trigger(i, unique("dk"), "warning");
        assertThat(other.get("incidentKey").asString()).isNotEqualTo(key);
    }

    @Test
    void attachRoutingJoinsTheOpenIncidentOfTheService() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "ATTACH"));
        JsonNode first = trigger(i, unique("dk"), "error");
        JsonNode second = trigger(i, unique("dk"), "warning");
        assertThat(second.get("incidentKey").asString())
                .isEqualTo(first.get("incidentKey").asString());
        assertThat(timeline(first.get("incidentKey").asString()))
                .filteredOn(e -> e.kind() == TimelineEntryKind.ALERT)
                .hasSize(2);
    }

    @Test
    void acknowledgingTheGroupAcknowledgesTheIncidentAndTheOtherWayRound() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        JsonNode g = trigger(i, unique("dk"), "critical");
        long id = g.get("id").asLong();
        ApiClient.Response ack = api.post("/api/v1/alerting/groups/" + id + "/acknowledge", null);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedBy").asString()).isEqualTo(responder);
        IncidentView inc = incident(g.get("incidentKey").asString());
        assertThat(inc.milestone(Milestone.ACKNOWLEDGED)).isNotNull();
        assertThat(inc.roles().values()).contains(responder);

        // the other way: acknowledging the incident acknowledges its groups
        JsonNode g2 = trigger(i, unique("dk"), "critical");
        String key2 = g2.get("incidentKey").asString();
        Actor.runAs(responder, Role.RESPONDER, () -> tx.execute(s -> incidents.acknowledge(key2)));
        JsonNode after = await(
                () -> group(g2.get("id").asLong()).get("group"),
                x -> x.get("status").asString().equals("ACKNOWLEDGED"),
                "group acknowledged by its incident");
        assertThat(after.get("acknowledgedBy").asString()).isEqualTo("incident:" + key2);
    }

    @Test
    void aStaleIfMatchIsRefusedAndAResolvedGroupCannotBeAcknowledged() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));
        JsonNode g = trigger(i, unique("dk"), "info");
        long id = g.get("id").asLong();
        long version = g.get("version").asLong();
        ApiClient.Response r = api.post("/api/v1/alerting/groups/" + id + "/resolve", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("RESOLVED");
        Answer stale = post(
                "/api/v1/alerting/groups/" + id + "/acknowledge",
                "",
                Map.of(
                        "Authorization",
                        "Bearer "
                                + tx.execute(
                                        s -> tokens.create(responder, "t", null).value()),
                        "If-Match",
                        "\"" + version + "\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.post("/api/v1/alerting/groups/" + id + "/acknowledge", null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aSilencedAlertOpensNoIncidentAndPagesNobody() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        String dedup = unique("silenced");
        ApiClient.Response s = api.post(
                "/api/v1/alerting/silences",
                Map.of(
                        "matchers", "source=\"web-1\", severity!~\"crit.*\", component!=\"db\"",
                        "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(),
                        "comment", "deploying"));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        // labels of a PagerDuty event: source, component...; severity is not a label, so !~ matches ""
        JsonNode g = trigger(i, dedup, "error");
        assertThat(g.get("decision").asString()).isEqualTo("SUPPRESSED");
        assertThat(g.get("suppressedBy").asString()).startsWith("silence:");
        assertThat(g.has("incidentKey")).isFalse();
        assertThat(api.delete("/api/v1/alerting/silences/" + s.json().get("id").asLong())
                        .status())
                .isEqualTo(200);
        JsonNode after = trigger(i, unique("after"), "error");
        assertThat(after.get("decision").asString()).isEqualTo("PAGE");
    }

    @Test
    void aServiceInMaintenancePagesNobody() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        ApiClient.Response m = api.post(
                "/api/v1/alerting/maintenance",
                Map.of(
                        "service",
                        service,
                        "endsAt",
                        Instant.now().plus(Duration.ofHours(1)).toString(),
                        "reason",
                        "db upgrade"));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        JsonNode g = trigger(i, unique("dk"), "critical");
        assertThat(g.get("decision").asString()).isEqualTo("SUPPRESSED");
        assertThat(g.get("suppressedBy").asString()).startsWith("maintenance:");
    }

    @Test
    void anAlertThatKeepsFiringAndResolvingIsFlappingAndNoLongerPages() {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));
        String key = i.get("key").asString();
        String dedup = unique("flap");
        JsonNode last = null;
        for (int n = 0; n < 3; n++) {
            assertThat(post("/webhooks/pagerduty/v2/enqueue", pd(key, "trigger", dedup, "error"))
                            .status())
                    .isEqualTo(202);
            assertThat(post("/webhooks/pagerduty/v2/enqueue", pd(key, "resolve", dedup, "error"))
                            .status())
                    .isEqualTo(202);
        }
        last = await(
                () -> groups(i.get("id").asLong()),
                g -> g.size() == 3 && g.get(0).get("status").asString().equals("RESOLVED"),
                "three groups");
        // trigger, resolve, trigger, resolve, trigger: the third group is the fifth change within the window
        assertThat(last.get(0).get("flapping").asBoolean()).isTrue();
        assertThat(last.get(2).get("flapping").asBoolean()).isFalse();
        assertThat(last.get(0).get("decision").asString()).isEqualTo("NOTIFY_ONLY");
    }

    @Test
    void aStormOfThousandsForOneGroupStaysOneGroupAndOneDecision() throws Exception {
        JsonNode i = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        String key = i.get("key").asString();
        String dedup = unique("storm");
        int n = 2000;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            for (int k = 0; k < n; k++) {
                sent.add(pool.submit(() -> post("/webhooks/pagerduty/v2/enqueue", pd(key, "trigger", dedup, "critical"))
                        .status()));
            }
            for (var f : sent) {
                assertThat(f.get()).isEqualTo(202);
            }
        }
        JsonNode g = await(
                () -> groups(i.get("id").asLong()),
                x -> x.size() == 1 && x.get(0).get("repeatCount").asInt() == n,
                "one group with " + n + " repeats");
        String incident = g.get(0).get("incidentKey").asString();
        assertThat(timeline(incident))
                .filteredOn(e -> e.kind() == TimelineEntryKind.ALERT)
                .hasSize(1);
        assertThat(api.get("/api/v1/alerting/groups?q=" + dedup).json().size()).isEqualTo(1);
    }
}
