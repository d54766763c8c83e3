package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code kintsugi.alerting.chaos-alerts: page}: an alert during a chaos run pages on-call as usual, the run noted. */
class ChaosAlertsPageTest extends ChaosAlertModes {
    @DynamicPropertySource
    static void mode(DynamicPropertyRegistry registry) {
        ownContext(registry, "page");
    }

    @Test
    void anExpectedAlertPagesOnCallAsUsualWithTheRunNoted() {
        JsonNode integration = integration(SourceType.PAGERDUTY, opensIncidents());
        long runId = startRun(9001);

        JsonNode g = trigger(integration, unique("lat"), true);
        assertThat(g.get("decision").asString()).isEqualTo("PAGE");
        assertThat(g.get("expectedRunId").asLong()).isEqualTo(runId);
        assertThat(g.get("expectedBy").asString()).isEqualTo(responder);
        String key = g.get("incidentKey").asString();
        // on-call is paged about the incident, as for any alert
        await(() -> paging.active("incident", key), Optional::isPresent, "a page about " + key);
        assertThat(published(AlertGroupEscalationRequested.class, g.get("id").asLong()))
                .isEqualTo(1);
        // the run is noted on the incident's timeline; its starter is not told separately
        assertThat(alertEntries(key))
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered-expected");
        assertThat(alertEntries(key).getFirst().message().args())
                .extracting(dev.kintsugi.incident.TimelineMessage.Arg::value)
                .contains(Long.toString(runId));
        assertThat(published(AlertGroupExpected.class, g.get("id").asLong())).isZero();
    }
}
