package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's boundary with the engine: validation with JSON paths, steps, the steady-state re-check. */
class EngineBoundaryTest {

    @Test
    void theSteadyStateCheckRunsTheHypothesisOnceAndNothingElse() throws Exception {
        try (ChaosFixture f = new ChaosFixture("db")) {
            String check = Engine.steadyStateCheck(f.experiment("t", 1000, 0));
            Engine.Outcome o = Engine.prepare(check, false, Duration.ofSeconds(5), Clock.systemUTC(), null)
                    .run();
            assertThat(Engine.steadyStateMet(o.journal())).as(o.journal()).isTrue();
            assertThat(f.toxics()).as("no action ran").isEmpty();
        }
    }

    @Test
    void stepsKnowTheFaultsAndHostsOfAnExperiment() throws Exception {
        try (ChaosFixture f = new ChaosFixture("db")) {
            List<Engine.Step> steps = EngineSteps.steps(f.experiment("t", 1000, 0));
            assertThat(steps)
                    .extracting(Engine.Step::name)
                    .containsExactly("service-answers", "add-latency", "remove-latency");
            assertThat(steps.get(1).injectsToxic()).isTrue();
            assertThat(steps.get(1).toxic()).isEqualTo("latency_downstream");
            assertThat(steps.get(1).proxy()).isEqualTo("db");
            assertThat(steps.get(0).host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void processesAreRefusedInTheServerWithTheirPath() {
        assertThatThrownBy(() -> Engine.canonical("""
                        {"title": "t", "description": "d",
                         "method": [{"type": "action", "name": "x", "provider": {"type": "process", "path": "ls"}}]}"""))
                .isInstanceOfSatisfying(
                        InvalidExperimentText.class,
                        e -> assertThat(e.problems())
                                .extracting(ExperimentProblem::path)
                                .contains("$.method[0].provider"));
    }
}
