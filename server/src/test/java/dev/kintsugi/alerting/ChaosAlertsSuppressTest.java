package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kintsugi.alerting.chaos-alerts: suppress}: an alert during a chaos run is recorded as expected and
 * suppressed: no incident, no page, no notice to the run's starter.
 */
class ChaosAlertsSuppressTest extends ChaosAlertModes {
    @DynamicPropertySource
    static void mode(DynamicPropertyRegistry registry) {
        ownContext(registry, "suppress");
    }

    @Test
    void anExpectedAlertIsRecordedAndNotifiesNobody() {
        JsonNode integration = integration(SourceType.PAGERDUTY, opensIncidents());
        long runId = startRun(9002);

        JsonNode g = trigger(integration, unique("lat"), false);
        long id = g.get("id").asLong();
        assertThat(g.get("decision").asString()).isEqualTo("SUPPRESSED");
        assertThat(g.get("expectedRunId").asLong()).isEqualTo(runId);
        assertThat(g.get("expectedBy").asString()).isEqualTo(responder);
        JsonNode detail = group(id).get("group");
        assertThat(detail.get("suppressedBy").asString()).isEqualTo("chaos run #" + runId);
        assertThat(detail.hasNonNull("incidentKey")).isFalse();
        // nobody was asked to page, nor told
        assertThat(published(AlertGroupEscalationRequested.class, id)).isZero();
        assertThat(published(AlertGroupExpected.class, id)).isZero();
        assertThat(paging.active("alert-group", Long.toString(id))).isEmpty();

        // the same service's alert after the run pages again (the mode changes only expected alerts), which the
        // same query sees: the zeros above are not a query that finds nothing
        tx.executeWithoutResult(s -> runs.finished(runId, 7, java.util.Set.of(serviceId), clock.instant()));
        JsonNode after = trigger(integration, unique("lat"), true);
        assertThat(after.get("decision").asString()).isEqualTo("PAGE");
        assertThat(after.hasNonNull("expectedRunId")).isFalse();
        assertThat(published(
                        AlertGroupEscalationRequested.class, after.get("id").asLong()))
                .isEqualTo(1);
    }
}
