package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The aggregate's transitions, flapping's window, label matchers as Alertmanager, JSONPath, severity mapping. */
class AlertModelTest {
    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z");

    private static AlertGroup group() {
        return new AlertGroup(
                new AlertGroupView(
                        7,
                        1,
                        "k",
                        GroupStatus.TRIGGERED,
                        "t",
                        "critical",
                        Severity.SEV2,
                        Set.of(3L),
                        Set.of(4L),
                        null,
                        Map.of(),
                        List.of(),
                        T0,
                        T0,
                        1,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0),
                List.of(T0));
    }

    @Test
    void triggeredThenAcknowledgedThenResolvedWhichIsFinal() {
        AlertGroup g = group();
        assertThat(g.acknowledge("ann", T0.plusSeconds(60))).isTrue();
        assertThat(g.acknowledge("bob", T0.plusSeconds(90))).isFalse();
        assertThat(g.view().acknowledgedBy()).isEqualTo("ann");
        assertThat(g.resolve(null, T0.plusSeconds(120))).isTrue();
        assertThat(g.resolve(null, T0.plusSeconds(130))).isFalse();
        assertThatThrownBy(() -> g.acknowledge("ann", T0.plusSeconds(200))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> g.repeat(T0.plusSeconds(200))).isInstanceOf(ConflictException.class);
        assertThat(g.pendingEvents()).hasExactlyElementsOfTypes(AlertGroupAcknowledged.class, AlertGroupResolved.class);
        AlertGroupResolved resolved = (AlertGroupResolved) g.pendingEvents().get(1);
        assertThat(resolved.serviceIds()).containsExactly(3L);
        assertThat(resolved.teamIds()).containsExactly(4L);
        assertThat(g.stateChanges()).containsExactly(T0, T0.plusSeconds(120));
    }

    @Test
    void flappingCountsOnlyTheChangesInsideTheWindow() {
        Duration window = Duration.ofMinutes(30);
        Instant now = T0.plus(Duration.ofHours(1));
        List<Instant> earlier = List.of(T0, T0.plusSeconds(60), now.minus(Duration.ofMinutes(20)), now.minusSeconds(5));
        assertThat(AlertGroup.changesWithin(earlier, now, window))
                .containsExactly(now.minus(Duration.ofMinutes(20)), now.minusSeconds(5), now);
    }

    @Test
    void labelMatchersBehaveAsAlertmanagers() {
        List<LabelMatcher> m =
                LabelMatcher.parse("{alertname=\"CPUHigh\", zone!=\"eu\", host=~\"10\\\\..*\", team!~\"\"}", "m");
        assertThat(m).hasSize(4);
        assertThat(LabelMatcher.all(m, Map.of("alertname", "CPUHigh", "zone", "us", "host", "10.1", "team", "a")))
                .isTrue();
        assertThat(LabelMatcher.all(m, Map.of("alertname", "CPUHigh", "zone", "eu", "host", "10.1", "team", "a")))
                .isFalse();
        // a missing label reads as "": != matches it, !~"" does not
        assertThat(LabelMatcher.all(m, Map.of("alertname", "CPUHigh", "host", "10.1", "team", "a")))
                .isTrue();
        assertThat(LabelMatcher.all(m, Map.of("alertname", "CPUHigh", "host", "10.1")))
                .isFalse();
        // regular expressions are anchored at both ends
        assertThat(LabelMatcher.parse("a=~\"b\"", "m").getFirst().matches(Map.of("a", "abc")))
                .isFalse();
        assertThat(LabelMatcher.all(List.of(), Map.of())).isFalse();
        assertThatThrownBy(() -> LabelMatcher.parse("a=~\"(\"", "m")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LabelMatcher.parse("a==b", "m"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("character 1");
        assertThat(LabelMatcher.parse(m.toString().replaceAll("[\\[\\]]", ""), "m")
                        .toString())
                .isEqualTo(m.toString());
    }

    @Test
    void jsonPathsNameOneValue() {
        var root = JsonMapper.builder().build().readTree("{\"a\":{\"b c\":[{\"d\":\"x\"}]}}");
        assertThat(JsonPath.parse("$.a['b c'][0].d").read(root).asString()).isEqualTo("x");
        assertThat(JsonPath.parse("$.a.missing").read(root)).isNull();
        assertThatThrownBy(() -> JsonPath.parse("$..d")).hasMessageContaining("character 2");
        assertThatThrownBy(() -> JsonPath.parse("a.b")).hasMessageContaining("starts with $");
    }

    @Test
    void severitiesMapByDefinitionElseByTheUsualWords() {
        assertThat(SeverityMapping.DEFAULT.apply("critical")).isEqualTo(Severity.SEV2);
        assertThat(SeverityMapping.DEFAULT.apply("P1")).isEqualTo(Severity.SEV1);
        assertThat(SeverityMapping.DEFAULT.apply("whatever")).isEqualTo(Severity.SEV3);
        assertThat(SeverityMapping.parse("critical=SEV1, Warning=sev4", "m"))
                .containsEntry("critical", Severity.SEV1)
                .containsEntry("warning", Severity.SEV4);
        assertThatThrownBy(() -> SeverityMapping.parse("critical=SEV9", "m")).isInstanceOf(InvalidInputException.class);
    }
}
