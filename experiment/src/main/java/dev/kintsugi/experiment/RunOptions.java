package dev.kintsugi.experiment;

import dev.kintsugi.experiment.provider.ProviderRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How to run an experiment. Strategies left {@code null} come from the experiment's {@code runtime} section, then
 * Chaos Toolkit's defaults.
 *
 * @param leaseMargin added to the run's expected end for every fault's lease
 * @param env the environment {@code env} entries of {@code configuration}/{@code secrets} read, when the policy lets
 *     them: the host's map ({@link #defaults()} gives the process environment, as the CLI wants; a server gives its
 *     own map or none)
 * @param configuration values overriding the experiment's {@code configuration} ({@code --var})
 * @param secrets values overriding (or supplying) the experiment's {@code secrets}: a host's secrets come from its
 *     own configuration, never from the experiment text
 * @param listener hears every step, fault and probe verdict of the run
 * @param policy what the run may do (provider types, environment, hosts)
 * @param providers the provider types the run knows (a host may add or replace some)
 * @param reverter how faults are undone (a host sets its Kubernetes access on it, see {@link #withKubernetes})
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
        Clock clock,
        RunPolicy policy,
        ProviderRegistry providers,
        FaultReverter reverter) {

    /** The CLI's options: everything allowed, the process environment readable, the standard providers. */
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
                Clock.systemUTC(),
                RunPolicy.permissive(),
                ProviderRegistry.standard(),
                new FaultReverter(Duration.ofSeconds(5), KubernetesAccess.kubeconfig()));
    }

    /**
     * A host's starting point: no environment (not even the process's), {@code process} providers refused, no
     * Kubernetes cluster until {@link #withKubernetes}, every host allowed until {@link #withPolicy} limits them.
     */
    public static RunOptions forHost() {
        RunOptions d = defaults();
        return d.withVariables(Map.of(), Map.of(), Map.of())
                .withKubernetes(KubernetesAccess.none())
                .withPolicy(RunPolicy.permissive()
                        .withEnvironment(false)
                        .withProviderTypes(java.util.Set.of("http", "kintsugi", "python")));
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
                clock,
                policy,
                providers,
                reverter);
    }

    public RunOptions withStrategies(String rollbacks, String hypothesis, Double frequency, Boolean fast) {
        return new RunOptions(
                dry,
                rollbacks,
                hypothesis,
                frequency,
                fast,
                leaseMargin,
                env,
                configuration,
                secrets,
                listener,
                clock,
                policy,
                providers,
                reverter);
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
                clock,
                policy,
                providers,
                reverter);
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
                clock,
                policy,
                providers,
                reverter);
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
                clock,
                policy,
                providers,
                reverter);
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
                value,
                policy,
                providers,
                reverter);
    }

    public RunOptions withPolicy(RunPolicy value) {
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
                clock,
                value,
                providers,
                reverter);
    }

    public RunOptions withProviders(ProviderRegistry value) {
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
                clock,
                policy,
                value,
                reverter);
    }

    /** The cluster (and credentials) Kubernetes activities use, and the reverter scales deployments back with. */
    public RunOptions withKubernetes(KubernetesAccess value) {
        return withReverter(reverter.withKubernetes(value));
    }

    public KubernetesAccess kubernetes() {
        return reverter.kubernetes();
    }

    public RunOptions withReverter(FaultReverter value) {
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
                clock,
                policy,
                providers,
                value);
    }
}
