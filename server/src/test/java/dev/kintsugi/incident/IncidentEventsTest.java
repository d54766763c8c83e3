package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Incident events reach other modules' listeners through Modulith's JDBC event publication registry: each
 * delivery is recorded in {@code event_publication} and moved to {@code event_publication_archive} once the
 * listener has run.
 */
class IncidentEventsTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    RecordingIncidentListener listener;

    @Autowired
    JdbcClient jdbc;

    @Test
    void lifecycleEventsArePublishedThroughTheRegistry() {
        String key = tx.execute(s -> incidents
                .declare(new DeclareIncident(
                        "Events flow", null, Severity.SEV4, List.of(), null, null, false, null, null))
                .key());
        tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
        tx.executeWithoutResult(s ->
                incidents.transition(key, new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(listener.received())
                        .filteredOn(e -> key.equals(keyOf(e)))
                        .hasAtLeastOneElementOfType(IncidentDeclared.class)
                        .hasAtLeastOneElementOfType(IncidentResolved.class)
                        .hasAtLeastOneElementOfType(IncidentClosed.class)
                        .hasAtLeastOneElementOfType(IncidentStatusChanged.class));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "select count(*) from event_publication where serialized_event like ? and completion_date is null")
                                .param("%\"" + key + "\"%")
                                .query(Long.class)
                                .single())
                        .isZero());
        // completed publications are archived (completion-mode: archive), not left in the registry's table
        assertThat(jdbc.sql("select count(*) from event_publication_archive where serialized_event like ?")
                        .param("%\"" + key + "\"%")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(4);
    }

    private static String keyOf(Object e) {
        return switch (e) {
            case IncidentDeclared d -> d.key();
            case IncidentResolved r -> r.key();
            case IncidentClosed c -> c.key();
            case IncidentStatusChanged c -> c.key();
            default -> null;
        };
    }
}
