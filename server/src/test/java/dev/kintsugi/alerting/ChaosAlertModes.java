package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunStarted;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.oncall.Paging;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Shared by the tests of {@code kintsugi.alerting.chaos-alerts}' {@code page} and {@code suppress}: each runs in a
 * context of its own (the mode is a setting) on a database of its own, with a chaos run published as the chaos
 * module publishes it and an alert sent through the PagerDuty endpoint.
 */
abstract class ChaosAlertModes extends AlertingFixtures {
    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    ChaosRunRepository runs;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    Paging paging;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    long serviceId;

    static void ownContext(DynamicPropertyRegistry registry, String mode) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:kintsugi-alerting-chaos-" + mode + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("kintsugi.alerting.chaos-alerts", () -> mode);
    }

    @BeforeEach
    void setUp() {
        organisation();
        serviceId = tx.execute(s -> catalog.findService(service).orElseThrow().id());
        teamDefaultEscalationPolicy();
    }

    long startRun(long runId) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> publisher.publishEvent(
                new ChaosRunStarted(runId, 7, 1, false, responder, Set.of(serviceId), Set.of(), now)));
        await(() -> runs.inProgress(Set.of(serviceId), clock.instant()), java.util.Optional::isPresent, "run heard");
        return runId;
    }

    /** Triggers an alert and waits until its group is there (and, if {@code routed}, attached to an incident). */
    JsonNode trigger(JsonNode integration, String dedup, boolean routed) {
        Answer a = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Checkout latency %s","source":"web-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup, dedup));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        return await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong() + "&q=" + dedup)
                                .json(),
                        g -> g.size() == 1 && (!routed || g.get(0).hasNonNull("incidentKey")),
                        "group " + dedup)
                .get(0);
    }

    List<TimelineEntry> alertEntries(String key) {
        return tx.execute(s -> incidents.timeline(key)).stream()
                .filter(e -> e.kind() == TimelineEntryKind.ALERT)
                .toList();
    }

    /**
     * How many events of this type about this group were published (pending or completed: the registry keeps both,
     * written in the transaction that opened the group, so this is exact once the group can be read).
     */
    int published(Class<?> type, long groupId) {
        String like = "%\"groupId\":" + groupId + ",%";
        return jdbc.sql("select (select count(*) from event_publication where event_type = ? and serialized_event"
                        + " like ?) + (select count(*) from event_publication_archive where event_type = ? and"
                        + " serialized_event like ?)")
                .params(type.getName(), like, type.getName(), like)
                .query(Integer.class)
                .single();
    }

    static Map<String, Object> opensIncidents() {
        return Map.of("routing", "OPEN_INCIDENT");
    }
}
