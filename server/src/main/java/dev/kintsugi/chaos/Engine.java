package dev.kintsugi.chaos;

import dev.kintsugi.experiment.Dry;
import dev.kintsugi.experiment.ExperimentLoader;
import dev.kintsugi.experiment.Fault;
import dev.kintsugi.experiment.FaultReverter;
import dev.kintsugi.experiment.InvalidExperimentException;
import dev.kintsugi.experiment.KubernetesAccess;
import dev.kintsugi.experiment.ProgressListener;
import dev.kintsugi.experiment.RunOptions;
import dev.kintsugi.experiment.RunResult;
import dev.kintsugi.experiment.Runner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
        List<ExperimentProblem> problems = new ArrayList<>(serverRules(experiment));
        try {
            Runner.prepare(experiment, options(Dry.NONE, Duration.ofSeconds(60), Clock.systemUTC(), null));
        } catch (InvalidExperimentException e) {
            e.problems().forEach(p -> problems.add(ExperimentProblem.ofDefinition(pathOf(experiment, p), p)));
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
                    options(dry ? Dry.ACTIONS : Dry.NONE, leaseMargin, clock, listener(callbacks))
                            .withKubernetes(kubernetes)));
        } catch (InvalidExperimentException e) {
            throw new InvalidExperimentText(e.problems().stream()
                    .map(p -> ExperimentProblem.ofDefinition(pathOf(experiment, p), p))
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

    /** Every activity of the experiment (hypothesis, method, rollbacks), refs resolved by name. */
    static List<Step> steps(String json) {
        ObjectNode experiment = parse(json);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        List<JsonNode[]> all = new ArrayList<>();
        collect(experiment.path("steady-state-hypothesis").path("probes"), "hypothesis", byName, all);
        collect(experiment.path("method"), "method", byName, all);
        collect(experiment.path("rollbacks"), "rollback", byName, all);
        List<Step> steps = new ArrayList<>();
        for (JsonNode[] a : all) {
            JsonNode activity = a[1];
            if (activity.has("ref") && byName.containsKey(activity.path("ref").asString())) {
                activity = byName.get(activity.path("ref").asString());
            }
            steps.add(step(a[0].asString(), activity));
        }
        return steps;
    }

    private static void collect(JsonNode list, String section, Map<String, JsonNode> byName, List<JsonNode[]> all) {
        if (!list.isArray()) {
            return;
        }
        for (JsonNode a : list) {
            if (a.has("name") && a.has("provider")) {
                byName.putIfAbsent(a.path("name").asString(), a);
            }
            all.add(new JsonNode[] {tools.jackson.databind.node.StringNode.valueOf(section), a});
        }
    }

    static Step step(String section, JsonNode activity) {
        JsonNode provider = activity.path("provider");
        JsonNode args = provider.path("arguments");
        String type = provider.path("type").asString("");
        String func = provider.path("func").asString(null);
        String apiUrl = null;
        String host = null;
        if ("kintsugi".equals(type)) {
            apiUrl = stripSlash(args.path("api_url").asString("http://localhost:8474"));
            if (args.has("host")) {
                host = args.path("host").asString();
            } else if (args.has("url")) {
                host = hostOf(args.path("url").asString());
            } else if (args.has("actuator_url")) {
                host = hostOf(args.path("actuator_url").asString());
            } else if (args.has("api_url")
                    || func != null && func.contains("toxic")
                    || func != null && func.contains("proxy")) {
                host = hostOf(apiUrl);
            }
        } else if ("http".equals(type)) {
            host = hostOf(provider.path("url").asString(""));
        }
        String toxic = null;
        if ("add_toxic".equals(func)) {
            toxic = args.path("name")
                    .asString(args.path("type").asString() + "_"
                            + args.path("stream").asString("downstream"));
        } else if ("remove_toxic".equals(func)) {
            toxic = args.path("name").asString();
        }
        return new Step(
                section,
                activity.path("name").asString(""),
                activity.path("type").asString(""),
                type,
                func,
                apiUrl,
                args.has("proxy") ? args.path("proxy").asString() : null,
                toxic,
                host,
                namespace(type, provider.path("module").asString(""), func, args),
                args.path("max_percent").isNumber() ? args.path("max_percent").asInt() : null,
                args.path("lease_seconds").isNumber()
                        ? (long) (args.path("lease_seconds").asDouble() * 1000)
                        : null);
    }

    /** The namespace a Kubernetes activity touches ({@code kintsugi.delete_pods}, chaosk8s's {@code ns}), else null. */
    private static String namespace(String type, String module, String func, JsonNode args) {
        if ("kintsugi".equals(type) && "delete_pods".equals(func)) {
            return args.path("namespace").asString("default");
        }
        if ("python".equals(type) && module.startsWith("chaosk8s")) {
            return args.path("ns").asString("default");
        }
        return null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String hostOf(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ObjectNode parse(String text) {
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

    private static ProgressListener listener(Callbacks callbacks) {
        if (callbacks == null) {
            return ProgressListener.NONE;
        }
        return new ProgressListener() {
            @Override
            public void activityStarted(String section, JsonNode activity) {
                callbacks.started(step(section, activity));
            }

            @Override
            public void activityFinished(String section, JsonNode run) {
                String output = run.path("output").isMissingNode()
                        ? null
                        : run.path("output").isString()
                                ? run.path("output").asString()
                                : run.path("output").toString();
                if (run.has("exception")) {
                    output = run.path("exception").toString();
                }
                if (output != null && output.length() > 1900) {
                    output = output.substring(0, 1900) + "…";
                }
                callbacks.finished(new StepEnd(
                        section,
                        run.path("activity").path("name").asString(""),
                        run.path("status").asString(""),
                        output,
                        run.path("tolerance_met").isBoolean()
                                ? run.path("tolerance_met").asBoolean()
                                : null));
            }

            @Override
            public void probeChecked(String section, JsonNode run, JsonNode tolerance, boolean met) {
                callbacks.probeChecked(
                        section,
                        run.path("activity").path("name").asString(""),
                        tolerance == null || tolerance.isMissingNode() ? null : tolerance.toString(),
                        met);
            }

            @Override
            public void faultInjecting(Fault f) {
                Map<String, String> t = f.target();
                String api = t.getOrDefault("api_url", t.get("actuator_url"));
                callbacks.faultInjecting(new FaultRecord(
                        f.key(), f.kind(), f.description(), api, t.get("proxy"), t.get("toxic"), f.toJson()));
            }

            @Override
            public void faultInjected(Fault f) {
                callbacks.faultInjected(f.key(), f.leaseExpiry());
            }

            @Override
            public void faultRenewed(Fault f) {
                callbacks.faultRenewed(f.key(), f.leaseExpiry());
            }

            @Override
            public void faultRemoved(Fault f, String error) {
                callbacks.faultRemoved(f.key(), error);
            }
        };
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

    /** What the server refuses beyond the engine: anything that would run a command on the server. */
    private static List<ExperimentProblem> serverRules(ObjectNode experiment) {
        List<ExperimentProblem> problems = new ArrayList<>();
        for (String section : List.of("method", "rollbacks")) {
            check(experiment.path(section), "$." + section, problems);
        }
        check(experiment.path("steady-state-hypothesis").path("probes"), "$.steady-state-hypothesis.probes", problems);
        return problems;
    }

    private static void check(JsonNode list, String path, List<ExperimentProblem> problems) {
        if (!(list instanceof ArrayNode array)) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode provider = array.get(i).path("provider");
            String type = provider.path("type").asString("");
            String func = provider.path("func").asString("");
            if (type.equals("process")
                    || type.equals("kintsugi") && (func.equals("start_process") || func.equals("signal_process"))) {
                problems.add(ExperimentProblem.ofDefinition(
                        path + "[" + i + "].provider",
                        "activity '" + array.get(i).path("name").asString() + "': the server does not run processes"
                                + " (run this experiment with the kintsugi-chaos CLI)"));
            }
        }
    }

    /** The JSON path a problem of the engine is about: the activity it names, else a top-level field, else $. */
    static String pathOf(ObjectNode experiment, String problem) {
        for (String section : List.of("method", "rollbacks")) {
            String p = findNamed(experiment.path(section), "$." + section, problem);
            if (p != null) {
                return p;
            }
        }
        String p = findNamed(
                experiment.path("steady-state-hypothesis").path("probes"), "$.steady-state-hypothesis.probes", problem);
        if (p != null) {
            return p;
        }
        if (problem.contains("'method'")) {
            return "$.method";
        }
        for (String field : List.of("title", "description", "tags", "steady-state-hypothesis", "configuration")) {
            if (problem.contains("'" + field + "'")) {
                return "$." + field;
            }
        }
        return "$";
    }

    private static String findNamed(JsonNode list, String path, String problem) {
        if (!list.isArray()) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asString("");
            if (!name.isEmpty() && problem.contains("'" + name + "'")) {
                return path + "[" + i + "]";
            }
        }
        return null;
    }
}
