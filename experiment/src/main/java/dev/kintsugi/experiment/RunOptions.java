package dev.kintsugi.experiment;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How to run an experiment. Strategies left {@code null} come from the experiment's {@code runtime} section, then
 * Chaos Toolkit's defaults.
 *
 * @param leaseMargin added to the run's expected end for every fault's lease
 */
public record RunOptions(
        Dry dry,
        String rollbackStrategy,
        String hypothesisStrategy,
        Double hypothesisFrequencySeconds,
        Boolean failFast,
        Duration leaseMargin,
        Map<String, String> env,
        Map<String, JsonNode> configuration,
        Map<String, JsonNode> secrets,
        ProgressListener listener,
        Clock clock) {

    public static RunOptions defaults() {
        return new RunOptions(
                Dry.NONE,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(60),
                System.getenv(),
                Map.of(),
                Map.of(),
                ProgressListener.NONE,
                Clock.systemUTC());
    }

    public RunOptions withDry(Dry value) {
        return new RunOptions(
                value,
                rollbackStrategy,
                hypothesisStrategy,
                hypothesisFrequencySeconds,
                failFast,
                leaseMargin,
                env,
                configuration,
                secrets,
                listener,
                clock);
    }

    public RunOptions withStrategies(String rollbacks, String hypothesis, Double frequency, Boolean fast) {
        return new RunOptions(
                dry, rollbacks, hypothesis, frequency, fast, leaseMargin, env, configuration, secrets, listener, clock);
    }

    public RunOptions withVariables(
            Map<String, String> newEnv, Map<String, JsonNode> config, Map<String, JsonNode> secretValues) {
        return new RunOptions(
                dry,
                rollbackStrategy,
                hypothesisStrategy,
                hypothesisFrequencySeconds,
                failFast,
                leaseMargin,
                newEnv,
                config,
                secretValues,
                listener,
                clock);
    }

    public RunOptions withListener(ProgressListener value) {
        return new RunOptions(
                dry,
                rollbackStrategy,
                hypothesisStrategy,
                hypothesisFrequencySeconds,
                failFast,
                leaseMargin,
                env,
                configuration,
                secrets,
                value,
                clock);
    }

    public RunOptions withLeaseMargin(Duration value) {
        return new RunOptions(
                dry,
                rollbackStrategy,
                hypothesisStrategy,
                hypothesisFrequencySeconds,
                failFast,
                value,
                env,
                configuration,
                secrets,
                listener,
                clock);
    }

    /** The clock the run reads its times from (journal times, the expected end, every fault's lease). */
    public RunOptions withClock(Clock value) {
        return new RunOptions(
                dry,
                rollbackStrategy,
                hypothesisStrategy,
                hypothesisFrequencySeconds,
                failFast,
                leaseMargin,
                env,
                configuration,
                secrets,
                listener,
                value);
    }
}
