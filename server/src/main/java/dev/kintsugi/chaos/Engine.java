package dev.kintsugi.chaos;

import dev.kintsugi.experiment.Dry;
import dev.kintsugi.experiment.ExperimentLoader;
import dev.kintsugi.experiment.FaultReverter;
import dev.kintsugi.experiment.InvalidExperimentException;
import dev.kintsugi.experiment.KubernetesAccess;
import dev.kintsugi.experiment.ProgressListener;
import dev.kintsugi.experiment.RunOptions;
import dev.kintsugi.experiment.RunResult;
import dev.kintsugi.experiment.Runner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that speaks the engine's language (its JSON trees): the rest of the module sees experiments as
 * JSON text and activities as {@link Step}s. In the server the engine never reads the process environment, and
 * the {@code process} provider and the process functions are refused (they would run commands on the server).
 */
final class Engine {

    /** An activity as the module sees it; {@code host} is the host the activity talks to, if any. */
    record Step(
            String section,
            String name,
            String type,
            String provider,
            String func,
            String apiUrl,
            String proxy,
            String toxic,
            String host,
            String namespace,
            Integer maxPercent,
            Long leaseMs) {

        boolean injectsToxic() {
            return "kintsugi".equals(provider) && "add_toxic".equals(func);
        }

        boolean disablesProxy() {
            return "kintsugi".equals(provider) && "disable_proxy".equals(func);
        }

        boolean removesToxic() {
            return "kintsugi".equals(provider) && "remove_toxic".equals(func);
        }

        boolean enablesProxy() {
            return "kintsugi".equals(provider) && "enable_proxy".equals(func);
        }

        boolean deletesPods() {
            return "kintsugi".equals(provider) && "delete_pods".equals(func);
        }
    }

    /** What an activity's end tells: its status, a short output and, for hypothesis probes, the tolerance. */
    record StepEnd(String section, String name, String status, String output, Boolean toleranceMet) {}

    /** A fault as the engine announces it: its stable key, kind, target and the record that reverts it. */
    record FaultRecord(
            String key, String kind, String description, String apiUrl, String proxy, String toxic, String json) {}

    interface Callbacks {
        void started(Step step);

        void finished(StepEnd end);

        /** A steady-state probe (already finished) was checked against {@code tolerance} (JSON text). */
        default void probeChecked(String section, String name, String tolerance, boolean met) {}

        /** Before the fault is applied: journal it (a crash from here on leaves a row to revert). */
        void faultInjecting(FaultRecord fault);

        void faultInjected(String key, java.time.Instant leaseExpiry);

        void faultRenewed(String key, java.time.Instant leaseExpiry);

        /** Removed ({@code error} null), or an attempt failed (the run tries again after its rollbacks). */
        void faultRemoved(String key, String error);
    }

    record Outcome(String status, boolean deviated, String journal) {}

    /** A prepared run: {@link #run()} blocks until the run, its rollbacks and its journal are done. */
    static final class Execution {
        private final Runner runner;

        private Execution(Runner runner) {
            this.runner = runner;
        }

        Outcome run() {
            RunResult r = runner.run();
            return new Outcome(r.status(), r.deviated(), r.journal().toPrettyString());
        }

        void interrupt(String reason) {
            runner.interrupt(reason);
        }

        boolean awaitFinished(Duration timeout) throws InterruptedException {
            return runner.awaitFinished(timeout);
        }
    }

    private Engine() {}

    /** The experiment as canonical JSON, or the problems that keep it from running (nothing ran). */
    static String canonical(String text) {
        ObjectNode experiment = parse(text);
        List<ExperimentProblem> problems = new ArrayList<>(ExperimentRules.serverRules(experiment));
        try {
            Runner.prepare(experiment, options(Dry.NONE, Duration.ofSeconds(60), Clock.systemUTC(), null));
        } catch (InvalidExperimentException e) {
            e.problems()
                    .forEach(p ->
                            problems.add(ExperimentProblem.ofDefinition(ExperimentRules.pathOf(experiment, p), p)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidExperimentText(problems);
        }
        return experiment.toPrettyString();
    }

    static String title(String json) {
        return parse(json).path("title").asString("");
    }

    /** The experiment written as YAML (export). */
    static String yaml(String json) {
        try {
            return ExperimentLoader.YAML.writeValueAsString(parse(json));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    static Execution prepare(String json, boolean dry, Duration leaseMargin, Clock clock, Callbacks callbacks) {
        return prepare(json, dry, leaseMargin, clock, callbacks, KubernetesAccess.none());
    }

    static Execution prepare(
            String json,
            boolean dry,
            Duration leaseMargin,
            Clock clock,
            Callbacks callbacks,
            KubernetesAccess kubernetes) {
        ObjectNode experiment = parse(json);
        try {
            return new Execution(Runner.prepare(
                    experiment,
                    options(dry ? Dry.ACTIONS : Dry.NONE, leaseMargin, clock, EngineListener.of(callbacks))
                            .withKubernetes(kubernetes)));
        } catch (InvalidExperimentException e) {
            throw new InvalidExperimentText(e.problems().stream()
                    .map(p -> ExperimentProblem.ofDefinition(ExperimentRules.pathOf(experiment, p), p))
                    .toList());
        }
    }

    /**
     * An experiment that only checks the steady state once (its hypothesis before a method made of its first
     * probe), for "recovered?" after the rollbacks; null when the experiment has no hypothesis probe.
     */
    static String steadyStateCheck(String json) {
        ObjectNode experiment = parse(json);
        JsonNode probes = experiment.path("steady-state-hypothesis").path("probes");
        if (!probes.isArray() || probes.isEmpty()) {
            return null;
        }
        ObjectNode check = experiment.deepCopy();
        ObjectNode probe = ((ObjectNode) probes.get(0)).deepCopy();
        probe.remove("tolerance");
        probe.put("name", "recovered-" + probe.path("name").asString("probe"));
        check.set("method", check.arrayNode().add(probe));
        check.remove("rollbacks");
        ObjectNode runtime = check.putObject("runtime");
        runtime.putObject("hypothesis").put("strategy", "before-method-only");
        runtime.putObject("rollbacks").put("strategy", "never");
        return check.toString();
    }

    /** Whether the steady state held in a journal (the hypothesis before the method). */
    static Boolean steadyStateMet(String journal) {
        JsonNode met = parse(journal).path("steady_states").path("before").path("steady_state_met");
        return met.isBoolean() ? met.asBoolean() : null;
    }

    /** What the first hypothesis probe of a journal returned (or why it failed), short. */
    static String firstProbeOutput(String journal) {
        JsonNode probe = parse(journal)
                .path("steady_states")
                .path("before")
                .path("probes")
                .path(0);
        String out = probe.has("exception")
                ? probe.path("exception").toString()
                : probe.path("output").toString();
        return out.length() > 1900 ? out.substring(0, 1900) + "…" : out;
    }

    static ObjectNode parse(String text) {
        try {
            return ExperimentLoader.parse(text, "experiment");
        } catch (InvalidExperimentException e) {
            throw new InvalidExperimentText(e.problems().stream()
                    .map(p -> ExperimentProblem.ofDefinition("$", p))
                    .toList());
        }
    }

    private static RunOptions options(Dry dry, Duration leaseMargin, Clock clock, ProgressListener listener) {
        // the host's starting point: no environment, no 'process' provider, no cluster unless configured
        return RunOptions.forHost()
                .withDry(dry)
                .withLeaseMargin(leaseMargin)
                .withClock(clock)
                .withListener(listener == null ? ProgressListener.NONE : listener);
    }

    /** Reverts a fault from the engine's record; null when it is gone, else why not. */
    static String revert(String record, Duration timeout, KubernetesAccess kubernetes) {
        try {
            new FaultReverter(timeout, kubernetes).revert(record);
            return null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The cluster of Kubernetes targets, from the server's configuration only (never the experiment's). */
    static KubernetesAccess kubernetes(String apiUrl, String token) {
        if (apiUrl == null) {
            return KubernetesAccess.none();
        }
        var config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(apiUrl);
        if (token != null) {
            config.withOauthToken(token);
        }
        return KubernetesAccess.of(config.build());
    }
}
