package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.statuspage.StateRules.Impact;
import dev.kintsugi.statuspage.StateRules.Override;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateRulesTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static Impact open(Severity s) {
        return new Impact(s, IncidentStatus.INVESTIGATING, false);
    }

    @Test
    void severityGivesTheState() {
        assertThat(StateRules.of(open(Severity.SEV1))).isEqualTo(ComponentState.MAJOR_OUTAGE);
        assertThat(StateRules.of(open(Severity.SEV2))).isEqualTo(ComponentState.PARTIAL_OUTAGE);
        assertThat(StateRules.of(open(Severity.SEV3))).isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
        assertThat(StateRules.of(open(Severity.SEV5))).isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
    }

    @Test
    void aMitigatedOrMonitoredIncidentGivesAtMostDegradedPerformance() {
        assertThat(StateRules.of(new Impact(Severity.SEV1, IncidentStatus.IDENTIFIED, true)))
                .isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
        assertThat(StateRules.of(new Impact(Severity.SEV2, IncidentStatus.MONITORING, false)))
                .isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
        assertThat(StateRules.of(new Impact(Severity.SEV4, IncidentStatus.MONITORING, true)))
                .isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
    }

    @Test
    void aResolvedIncidentSaysNothing() {
        assertThat(StateRules.of(new Impact(Severity.SEV1, IncidentStatus.RESOLVED, false)))
                .isEqualTo(ComponentState.OPERATIONAL);
        assertThat(StateRules.derive(
                        List.of(new Impact(Severity.SEV1, IncidentStatus.CLOSED, false)), false, null, NOW))
                .isEqualTo(ComponentState.OPERATIONAL);
    }

    @Test
    void severalIncidentsGiveTheWorst() {
        var impacts = List.of(
                open(Severity.SEV3), open(Severity.SEV2), new Impact(Severity.SEV1, IncidentStatus.MONITORING, false));
        assertThat(StateRules.derive(impacts, false, null, NOW)).isEqualTo(ComponentState.PARTIAL_OUTAGE);
        assertThat(StateRules.derive(List.of(), false, null, NOW)).isEqualTo(ComponentState.OPERATIONAL);
    }

    @Test
    void maintenanceUnlessAnIncidentIsWorse() {
        assertThat(StateRules.derive(List.of(), true, null, NOW)).isEqualTo(ComponentState.UNDER_MAINTENANCE);
        assertThat(StateRules.derive(List.of(open(Severity.SEV3)), true, null, NOW))
                .isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
    }

    @Test
    void anOverrideWinsUntilItsEnd() {
        var override = new Override(ComponentState.OPERATIONAL, NOW.plus(Duration.ofHours(1)));
        assertThat(StateRules.derive(List.of(open(Severity.SEV1)), true, override, NOW))
                .isEqualTo(ComponentState.OPERATIONAL);
        assertThat(StateRules.derive(List.of(open(Severity.SEV1)), false, override, NOW.plus(Duration.ofHours(1))))
                .isEqualTo(ComponentState.MAJOR_OUTAGE);
        var forever = new Override(ComponentState.MAJOR_OUTAGE, null);
        assertThat(StateRules.derive(List.of(), false, forever, NOW)).isEqualTo(ComponentState.MAJOR_OUTAGE);
    }

    @Test
    void statuspageSpellings() {
        assertThat(ComponentState.PARTIAL_OUTAGE.json()).isEqualTo("partial_outage");
        assertThat(ComponentState.MAJOR_OUTAGE.indicator()).isEqualTo("critical");
        assertThat(ComponentState.OPERATIONAL.indicator()).isEqualTo("none");
    }
}
