package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An expectation of any kind: a source that is nothing but a bean ({@link ArmedExpectations}, kind {@code drill})
 * makes alerts expected with its kind, reference, owner and start in the API, as text on the alert's page, the
 * incident's card and timeline (alerting has no link for that kind), and pages nobody, as a chaos run does.
 */
class ExpectationKindsTest extends AlertingFixtures {
    @Autowired
    ArmedExpectations armed;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    Paging paging;

    @Autowired
    java.time.Clock clock;

    long serviceId;

    @BeforeEach
    void setUp() {
        organisation();
        serviceId = tx.execute(s -> catalog.findService(service).orElseThrow().id());
        teamDefaultEscalationPolicy();
    }

    @AfterEach
    void disarm() {
        armed.disarm(serviceId);
    }

    @Test
    void anAlertDuringAnotherKindOfPlannedWorkKeepsTheWholeExpectation() {
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        Instant started =
                clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        armed.arm(serviceId, new Expectation(ArmedExpectations.KIND, 4242, responder, started));
        String dedup = unique("drill");
        Answer a = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Drill latency %s","source":"web-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup, dedup));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        JsonNode g = await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong() + "&q=" + dedup)
                                .json(),
                        x -> x.size() == 1 && x.get(0).hasNonNull("incidentKey"),
                        "group " + dedup)
                .get(0);

        JsonNode expected = g.get("expected");
        assertThat(expected.get("kind").asString()).isEqualTo("drill");
        assertThat(expected.get("reference").asLong()).isEqualTo(4242);
        assertThat(expected.get("owner").asString()).isEqualTo(responder);
        assertThat(Instant.parse(expected.get("startedAt").asString())).isEqualTo(started);
        assertThat(g.hasNonNull("expectedRunId")).as("not a chaos run").isFalse();
        assertThat(g.get("expectedBy").asString()).isEqualTo(responder);
        assertThat(g.get("decision").asString()).isEqualTo("NOTIFY_ONLY");
        String key = g.get("incidentKey").asString();
        assertThat(paging.active("incident", key)).isEmpty();

        List<TimelineEntry> entries = tx.execute(s -> incidents.timeline(key)).stream()
                .filter(e -> e.kind() == TimelineEntryKind.ALERT)
                .toList();
        assertThat(entries)
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered-expected-other");
        assertThat(entries.getFirst().message().args())
                .extracting(dev.kintsugi.incident.TimelineMessage.Arg::value)
                .contains("drill #4242");

        // pages: text, no link (alerting knows no page of that kind), in the reader's language around it
        WebSession web = WebSession.loggedIn(baseUrl(), responder, "password-" + responder);
        String page = web.get("/alerts/" + g.get("id").asLong(), Map.of("Accept-Language", "fr"))
                .body();
        assertThat(page)
                .contains("id=\"expected-what\"")
                .contains("drill #4242, lancée par " + responder)
                .doesNotContain("id=\"expected-run\"");
        String card = web.get("/cards/incident/alerts?subject=" + key).body();
        assertThat(card).contains("class=\"expected-what\"").contains("drill #4242");
        assertThat(web.get("/incidents/" + key).body()).contains("drill #4242");
    }
}
