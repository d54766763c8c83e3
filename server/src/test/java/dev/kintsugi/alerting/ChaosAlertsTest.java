package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.ChaosRunStarted;
import dev.kintsugi.chaos.RunStatus;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.support.WebSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * Planned chaos is not a page: the chaos module's own events ({@link ChaosRunStarted}, {@link ChaosRunFinished}),
 * published as it publishes them (in a transaction, heard after its commit), make the alerts of the run's services
 * expected while it runs: marked on the group, its page, the incident's timeline and the incident's alerts card,
 * linked to the run, and on-call is not paged (the default {@code notify-owner}); after the run, alerts page again.
 * Also: a sender's acknowledgement acknowledges the group's incident.
 */
class ChaosAlertsTest extends AlertingFixtures {
    private static final AtomicLong RUN_IDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    ChaosRunRepository runs;

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

    private JsonNode trigger(JsonNode integration, String dedup) {
        Answer a = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Checkout latency %s","source":"web-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup, dedup));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        return await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong() + "&q=" + dedup)
                                .json(),
                        g -> g.size() == 1 && g.get(0).hasNonNull("incidentKey"),
                        "group " + dedup)
                .get(0);
    }

    private long startRun() {
        long runId = RUN_IDS.incrementAndGet();
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> publisher.publishEvent(
                new ChaosRunStarted(runId, 7, 1, false, responder, Set.of(serviceId), Set.of(), now)));
        await(() -> runs.inProgress(Set.of(serviceId), clock.instant()), java.util.Optional::isPresent, "run heard");
        return runId;
    }

    private void finishRun(long runId) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> publisher.publishEvent(new ChaosRunFinished(
                runId, 7, 1, RunStatus.COMPLETED, false, false, true, Set.of(serviceId), Set.of(), now, null)));
        await(
                () -> runs.inProgress(Set.of(serviceId), clock.instant().plusMillis(1)),
                java.util.Optional::isEmpty,
                "run finished heard");
    }

    private List<TimelineEntry> alertEntries(String key) {
        return tx.execute(s -> incidents.timeline(key)).stream()
                .filter(e -> e.kind() == TimelineEntryKind.ALERT)
                .toList();
    }

    @Test
    void anAlertDuringAChaosRunIsExpectedLinkedToTheRunAndPagesNobody() {
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        long runId = startRun();

        JsonNode g = trigger(integration, unique("lat"));
        assertThat(g.get("expectedRunId").asLong()).isEqualTo(runId);
        assertThat(g.get("expectedBy").asString()).isEqualTo(responder);
        assertThat(g.get("decision").asString()).isEqualTo("NOTIFY_ONLY");
        String key = g.get("incidentKey").asString();
        assertThat(alertEntries(key))
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered-expected");
        assertThat(alertEntries(key).getFirst().message().args())
                .extracting(dev.kintsugi.incident.TimelineMessage.Arg::value)
                .contains(Long.toString(runId));
        // on-call is not paged, neither about the incident nor about the group
        assertThat(paging.active("incident", key)).isEmpty();
        assertThat(paging.active("alert-group", g.get("id").asString())).isEmpty();

        // the group's page and the incident's alerts card say so, and link to the run
        WebSession web = WebSession.loggedIn(baseUrl(), responder, "password-" + responder);
        String page = web.get("/alerts/" + g.get("id").asLong()).body();
        assertThat(page).contains("id=\"expected-run\"").contains("/chaos/runs/" + runId);
        assertThat(web.get("/incidents/" + key).body()).contains("/cards/incident/alerts?subject=" + key);
        String card = web.get("/cards/incident/alerts?subject=" + key).body();
        assertThat(card)
                .contains("id=\"incident-alerts\"")
                .contains("/alerts/" + g.get("id").asLong())
                .contains("/chaos/runs/" + runId)
                .contains("expected");

        // once the run is over, the same service's alerts page on-call again
        finishRun(runId);
        JsonNode after = trigger(integration, unique("lat"));
        assertThat(after.get("decision").asString()).isEqualTo("PAGE");
        assertThat(after.hasNonNull("expectedRunId")).isFalse();
        String key2 = after.get("incidentKey").asString();
        await(() -> paging.active("incident", key2), java.util.Optional::isPresent, "a page about " + key2);
        assertThat(alertEntries(key2))
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered");
    }

    @Test
    void aChaosRunOnAnotherServiceOrADryRunExpectsNothing() {
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        long dry = RUN_IDS.incrementAndGet();
        long elsewhere = RUN_IDS.incrementAndGet();
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(new ChaosRunStarted(dry, 7, 1, true, responder, Set.of(serviceId), Set.of(), now));
            publisher.publishEvent(new ChaosRunStarted(elsewhere, 7, 1, false, responder, Set.of(-1L), Set.of(), now));
        });
        await(() -> runs.inProgress(Set.of(-1L), clock.instant()), java.util.Optional::isPresent, "run heard");
        JsonNode g = trigger(integration, unique("lat"));
        assertThat(g.get("decision").asString()).isEqualTo("PAGE");
        assertThat(g.hasNonNull("expectedRunId")).isFalse();
        tx.executeWithoutResult(s -> publisher.publishEvent(new ChaosRunFinished(
                elsewhere, 7, 1, RunStatus.COMPLETED, false, false, true, Set.of(-1L), Set.of(), now, null)));
    }

    @Test
    void aFinishHeardBeforeItsStartLeavesTheRunFinished() {
        long runId = RUN_IDS.incrementAndGet();
        Instant now = clock.instant();
        long other = -2L - (runId % 1000);
        tx.executeWithoutResult(s -> {
            runs.finished(runId, 7, Set.of(other), now);
            runs.started(runId, 7, responder, Set.of(other), now.minusSeconds(60));
        });
        assertThat(runs.inProgress(Set.of(other), now.plusSeconds(1))).isEmpty();
        assertThat(runs.inProgress(Set.of(other), now.minusSeconds(30)))
                .get()
                .extracting(ChaosRunRepository.Run::startedBy)
                .isEqualTo(responder);
    }

    @Test
    void aPagerDutyAcknowledgeAcknowledgesTheGroupsIncidentToo() {
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        String dedup = unique("ack");
        JsonNode g = trigger(integration, dedup);
        String key = g.get("incidentKey").asString();
        assertThat(tx.execute(s -> incidents.get(key)).milestone(Milestone.ACKNOWLEDGED))
                .isNull();
        Answer ack = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"acknowledge","dedup_key":"%s"}""".formatted(
                        integration.get("key").asString(), dedup));
        assertThat(ack.status()).as(ack.toString()).isEqualTo(202);
        IncidentView inc = await(
                () -> tx.execute(s -> incidents.get(key)),
                i -> i.milestone(Milestone.ACKNOWLEDGED) != null,
                "incident acknowledged at the source");
        assertThat(inc.milestone(Milestone.ACKNOWLEDGED)).isNotNull();
        assertThat(group(g.get("id").asLong()).get("group").get("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(alertEntries(key))
                .extracting(e -> e.message().code())
                .contains("alerting.timeline.acknowledged-at-source");
    }

    @Test
    void anOpsgenieAcknowledgeAcknowledgesTheGroupsIncidentToo() {
        JsonNode integration = integration(SourceType.OPSGENIE, Map.of("routing", "OPEN_INCIDENT"));
        String alias = unique("og");
        String genie = "GenieKey " + integration.get("key").asString();
        Answer created = post(
                "/webhooks/opsgenie/v2/alerts",
                "{\"message\":\"Checkout down\",\"alias\":\"" + alias + "\",\"priority\":\"P2\"}",
                Map.of("Authorization", genie));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        JsonNode g = await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong())
                                .json(),
                        x -> x.size() == 1 && x.get(0).hasNonNull("incidentKey"),
                        "opsgenie group")
                .get(0);
        String key = g.get("incidentKey").asString();
        Answer ack = post(
                "/webhooks/opsgenie/v2/alerts/" + alias + "/acknowledge?identifierType=alias",
                "{\"user\":\"oncall@example.com\"}",
                Map.of("Authorization", genie));
        assertThat(ack.status()).as(ack.toString()).isEqualTo(202);
        await(
                () -> tx.execute(s -> incidents.get(key)),
                i -> i.milestone(Milestone.ACKNOWLEDGED) != null,
                "incident acknowledged through Opsgenie");
    }
}
