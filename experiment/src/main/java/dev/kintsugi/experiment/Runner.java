package dev.kintsugi.experiment;

import dev.kintsugi.experiment.provider.ActivityFailedException;
import dev.kintsugi.experiment.provider.Provider;
import dev.kintsugi.experiment.provider.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one experiment the way Chaos Toolkit does (hypothesis before, method, hypothesis after, rollbacks) with
 * Kintsugi's safety rules on top:
 *
 * <ul>
 *   <li>rollbacks run whenever an action ran and the run failed, deviated or was interrupted, unless the user
 *       explicitly chose the {@code never} strategy; a failing rollback never stops the others; faults the run
 *       injected and no rollback removed are reverted after the rollbacks;
 *   <li>in the continuous hypothesis strategies the probes are guardrails: a breach stops the method at once
 *       (fail-fast is on unless {@code runtime.hypothesis.fail_fast} is explicitly false) and rolls back;
 *   <li>{@link #interrupt(String)} (Ctrl-C, SIGTERM) stops the method and rolls back before the process exits.
 * </ul>
 *
 * <p>The method runs on a worker thread so that it can be interrupted wherever it is (a pause, an HTTP call, a
 * process); rollbacks run on the calling thread, which nothing interrupts.
 */
public final class Runner {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode experiment;
    private final RunOptions options;
    private final Variables variables;
    private final Map<String, JsonNode> byName;
    private final RunContext context;
    private final ProgressListener listener;
    private final String rollbackStrategy;
    private final String hypothesisStrategy;
    private final double frequencySeconds;
    private final boolean failFast;

    private final ObjectNode journal = F.objectNode();
    private final ArrayNode runs = F.arrayNode();
    private final ArrayNode rollbackRuns = F.arrayNode();
    private final ArrayNode during = F.arrayNode();
    private final AtomicBoolean actionRan = new AtomicBoolean();
    private final CountDownLatch stopOrDone = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile String stopReason;
    private volatile boolean interrupted;
    private volatile boolean deviated;
    private volatile boolean beforeFailed;
    private volatile Throwable bodyError;
    private volatile long firstFailureNanos;
    private volatile Instant expectedEnd;
    private volatile Thread worker;
    private volatile boolean methodDone;

    private Runner(ObjectNode experiment, RunOptions options, Variables variables) {
        this.experiment = experiment;
        this.options = options;
        this.variables = variables;
        this.byName = Activities.byName(experiment);
        this.listener = options.listener() == null ? ProgressListener.NONE : options.listener();
        JsonNode runtime = experiment.path("runtime");
        this.rollbackStrategy = options.rollbackStrategy() != null
                ? options.rollbackStrategy()
                : runtime.path("rollbacks").path("strategy").asText("default");
        this.hypothesisStrategy = options.hypothesisStrategy() != null
                ? options.hypothesisStrategy()
                : runtime.path("hypothesis").path("strategy").asText("default");
        this.frequencySeconds = options.hypothesisFrequencySeconds() != null
                ? options.hypothesisFrequencySeconds()
                : runtime.path("hypothesis").path("frequency").asDouble(1.0);
        this.failFast = options.failFast() != null
                ? options.failFast()
                : runtime.path("hypothesis").path("fail_fast").asBoolean(true);
        this.context = new RunContext(
                options.clock(), () -> expectedEnd, options.leaseMargin(), listener, options.reverter(), variables);
    }

    /** Validates the experiment and prepares a run; throws when it is invalid, in which case nothing ran. */
    public static Runner prepare(ObjectNode experiment, RunOptions options) throws InvalidExperimentException {
        List<String> problems = new ArrayList<>();
        Map<String, String> env = options.policy().readEnvironment() ? options.env() : null;
        Variables variables = Variables.resolve(experiment, env, options.configuration(), options.secrets(), problems);
        Validator.Result result = Validator.validate(experiment, variables, options.providers(), options.policy());
        problems.addAll(result.problems());
        if (options.rollbackStrategy() != null && !Validator.ROLLBACK_STRATEGIES.contains(options.rollbackStrategy())) {
            problems.add("rollback strategy '" + options.rollbackStrategy() + "' is not one of "
                    + Validator.ROLLBACK_STRATEGIES);
        }
        if (options.hypothesisStrategy() != null
                && !Validator.HYPOTHESIS_STRATEGIES.contains(options.hypothesisStrategy())) {
            problems.add("hypothesis strategy '" + options.hypothesisStrategy() + "' is not one of "
                    + Validator.HYPOTHESIS_STRATEGIES);
        }
        if (options.hypothesisFrequencySeconds() != null && !(options.hypothesisFrequencySeconds() > 0)) {
            problems.add("the hypothesis frequency must be a positive number of seconds");
        }
        if (!problems.isEmpty()) {
            throw new InvalidExperimentException(problems);
        }
        return new Runner(experiment, options, variables);
    }

    /** Asks the run to stop now (Ctrl-C, SIGTERM, a kill switch): the method stops and rollbacks run. */
    public void interrupt(String reason) {
        interrupted = true;
        stop(reason);
    }

    /** Waits until the run, its rollbacks and its journal are done. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return !started.get() || finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return started.get() && finished.getCount() > 0;
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
            listener.phase("Stopping: " + reason);
        }
        stopOrDone.countDown();
    }

    public RunResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Runner runs once");
        }
        try {
            return doRun();
        } finally {
            finished.countDown();
        }
    }

    private RunResult doRun() {
        Instant start = now();
        expectedEnd = start.plus(expectedDuration());
        ObjectNode declared = experiment.deepCopy();
        declared.put(
                "dry", options.dry() == Dry.NONE ? null : options.dry().name().toLowerCase());
        journal.put("kintsugi-chaos-version", version());
        journal.put("platform", Journal.platform());
        journal.put("node", Journal.node());
        journal.set("experiment", declared);
        journal.put("start", Journal.timestamp(start));
        ObjectNode steadyStates = F.objectNode();
        steadyStates.putNull("before");
        steadyStates.putNull("after");
        steadyStates.set("during", during);
        listener.phase("Running experiment: " + experiment.path("title").asText());

        java.util.concurrent.ScheduledExecutorService renewals = startRenewals();
        Thread body = new Thread(() -> body(steadyStates), "kintsugi-experiment-method");
        worker = body;
        body.start();
        try {
            stopOrDone.await();
            if (stopReason != null) {
                body.interrupt();
                body.join(5_000);
            } else {
                body.join();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            body.interrupt();
        }

        String status;
        if (interrupted) {
            status = "interrupted";
        } else if (beforeFailed || deviated || bodyError != null) {
            status = "failed";
        } else {
            status = "completed";
        }
        journal.put("status", status);
        journal.put("deviated", deviated);
        journal.set("steady_states", steadyStates);
        journal.set("run", runs);

        rollbacks(status);
        long lastFaultRemoved = System.nanoTime();
        renewals.shutdownNow();
        journal.set("rollbacks", rollbackRuns);
        Instant end = now();
        journal.put("end", Journal.timestamp(end));
        journal.put("duration", Journal.seconds(start, end));
        Duration reaction = firstFailureNanos == 0 ? null : Duration.ofNanos(lastFaultRemoved - firstFailureNanos);
        listener.phase("Experiment ended with status: " + status + (deviated ? " (deviated)" : ""));
        RunResult result = new RunResult(journal, status, deviated, reaction);
        try {
            listener.runEnded(result);
        } catch (RuntimeException e) {
            // the run is over whatever the host does with it
        }
        return result;
    }

    /**
     * Renews the leases of the faults in place every third of the margin, for as long as this runner lives: a run
     * slower than expected keeps its faults until its rollbacks, and a killed runner renews nothing, so its
     * faults still expire.
     */
    private java.util.concurrent.ScheduledExecutorService startRenewals() {
        var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kintsugi-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, options.leaseMargin().toMillis() / 3);
        executor.scheduleWithFixedDelay(
                () -> {
                    for (RunContext.Registered fault : context.faultsInPlace()) {
                        if (fault.renew() == null) {
                            continue;
                        }
                        try {
                            fault.renew().run();
                        } catch (Exception e) {
                            listener.phase(
                                    "Could not renew the lease of " + fault.description() + ": " + e.getMessage());
                        }
                    }
                },
                every,
                every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return executor;
    }

    private void body(ObjectNode steadyStates) {
        Thread guardrail = null;
        try {
            boolean before = switch (hypothesisStrategy) {
                case "default", "before-method-only", "continuously" -> true;
                default -> false;
            };
            boolean after = switch (hypothesisStrategy) {
                case "default", "after-method-only", "continuously" -> true;
                default -> false;
            };
            boolean continuous =
                    hypothesisStrategy.equals("continuously") || hypothesisStrategy.equals("during-method-only");
            if (before) {
                ObjectNode state = hypothesis("hypothesis");
                if (state != null) {
                    steadyStates.set("before", state);
                    if (!state.path("steady_state_met").asBoolean()) {
                        beforeFailed = true;
                        listener.phase("Steady state probe is not in the given tolerance: the experiment stops"
                                + " before its method");
                        return;
                    }
                }
            }
            if (continuous && hasHypothesis()) {
                guardrail = new Thread(this::guardrails, "kintsugi-experiment-guardrail");
                guardrail.setDaemon(true);
                guardrail.start();
            }
            method();
            methodDone = true;
            if (guardrail != null) {
                guardrail.interrupt();
                guardrail.join();
                guardrail = null;
            }
            if (stopReason != null) {
                return;
            }
            if (after) {
                ObjectNode state = hypothesis("hypothesis");
                if (state != null) {
                    steadyStates.set("after", state);
                    if (!state.path("steady_state_met").asBoolean()) {
                        deviated = true;
                        listener.phase("Steady state hypothesis deviated after the method");
                    }
                }
            }
        } catch (InterruptedException e) {
            // stopped by a guardrail breach or a signal; rollbacks follow on the calling thread
        } catch (Throwable t) {
            bodyError = t;
            listener.phase("The run failed: " + t);
        } finally {
            methodDone = true;
            if (guardrail != null) {
                guardrail.interrupt();
            }
            stopOrDone.countDown();
        }
    }

    private boolean hasHypothesis() {
        return !Activities.hypothesisProbes(experiment).isEmpty();
    }

    private void guardrails() {
        long periodNanos = (long) (frequencySeconds * 1e9);
        try {
            while (!methodDone && stopReason == null) {
                long next = System.nanoTime() + periodNanos;
                ObjectNode state = hypothesis("guardrail");
                if (state == null) {
                    return;
                }
                synchronized (during) {
                    during.add(state);
                }
                if (!state.path("steady_state_met").asBoolean()) {
                    deviated = true;
                    if (failFast) {
                        stop("guardrail breached: " + failingProbe(state));
                        return;
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            // the method ended
        }
    }

    private static String failingProbe(ObjectNode state) {
        for (JsonNode probe : state.path("probes")) {
            if (!probe.path("tolerance_met").asBoolean(true)) {
                return Activities.name(probe.path("activity"));
            }
        }
        return "?";
    }

    private void method() throws InterruptedException {
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kintsugi-experiment-background");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (JsonNode declared : Activities.method(experiment)) {
                if (stopReason != null || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                JsonNode activity = Activities.resolve(declared, byName);
                if (activity.path("background").asBoolean(false)) {
                    pending.add(background.submit(() -> {
                        try {
                            execute("method", activity, runs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                } else {
                    execute("method", activity, runs);
                }
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // recorded in the activity's run
                }
            }
        } finally {
            background.shutdownNow();
        }
    }

    private static void append(ArrayNode list, JsonNode item) {
        synchronized (list) {
            list.add(item);
        }
    }

    /** Runs the steady-state hypothesis; {@code null} when the experiment has none. */
    private ObjectNode hypothesis(String section) throws InterruptedException {
        JsonNode hypothesis = experiment.path("steady-state-hypothesis");
        if (!hypothesis.isObject()) {
            return null;
        }
        if (section.equals("hypothesis")) {
            listener.phase(
                    "Steady state hypothesis: " + hypothesis.path("title").asText());
        }
        ObjectNode state = F.objectNode();
        state.putNull("steady_state_met");
        ArrayNode probes = state.putArray("probes");
        for (JsonNode declared : Activities.hypothesisProbes(experiment)) {
            JsonNode activity = Activities.resolve(declared, byName);
            ObjectNode run = execute(section, activity, probes);
            JsonNode tolerance = declared.has("tolerance") ? declared.get("tolerance") : activity.get("tolerance");
            if ("failed".equals(run.path("status").asText())) {
                run.put("tolerance_met", false);
                markFailure(section);
                listener.probeChecked(section, run, variables.substitute(tolerance), false);
                state.put("steady_state_met", false);
                return state;
            }
            run.put("tolerance_met", true);
            if (options.dry().skips(activity)) {
                continue;
            }
            JsonNode substituted = variables.substitute(tolerance);
            boolean met = Tolerances.within(substituted, run.get("output"), this::probeTolerance);
            listener.probeChecked(section, run, substituted, met);
            if (!met) {
                run.put("tolerance_met", false);
                markFailure(section);
                state.put("steady_state_met", false);
                listener.phase("Probe '" + Activities.name(activity) + "' is not in the given tolerance");
                return state;
            }
        }
        state.put("steady_state_met", true);
        return state;
    }

    private void markFailure(String section) {
        if (section.equals("guardrail") && firstFailureNanos == 0) {
            firstFailureNanos = System.nanoTime();
        }
    }

    private boolean probeTolerance(JsonNode toleranceProbe, JsonNode value) throws InterruptedException {
        ObjectNode probe = (ObjectNode) toleranceProbe.deepCopy();
        JsonNode provider = probe.path("provider");
        if (provider.isObject()) {
            ObjectNode args = provider.path("arguments").isObject()
                    ? (ObjectNode) provider.get("arguments")
                    : ((ObjectNode) provider).putObject("arguments");
            args.set("value", value);
        }
        ObjectNode run = execute("tolerance", probe, null);
        JsonNode output = run.get("output");
        return "succeeded".equals(run.path("status").asText()) && truthy(output);
    }

    private static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        if (v.isTextual() || v.isContainer()) {
            return !v.isEmpty() && !(v.isTextual() && v.asText().isEmpty());
        }
        return true;
    }

    /** Runs one activity with its pauses, appends its journal entry to {@code journalList} and returns it. */
    private ObjectNode execute(String section, JsonNode activity, ArrayNode journalList) throws InterruptedException {
        listener.activityStarted(section, activity);
        pause(activity.path("pauses").path("before"));
        ObjectNode run = F.objectNode();
        run.set("activity", activity.deepCopy());
        run.putNull("output");
        Instant start = now();
        run.put("start", Journal.timestamp(start));
        String status = "succeeded";
        List<String> exception = null;
        InterruptedException interruption = null;
        if (!options.dry().skips(activity)) {
            JsonNode provider = variables.substitute(activity.path("provider"));
            Provider p = options.providers().get(provider.path("type").asString(""));
            List<String> refused = p == null
                    ? List.of("activity '" + Activities.name(activity) + "': no provider of type "
                            + provider.path("type"))
                    : Validator.refusals(
                            "activity '" + Activities.name(activity) + "'",
                            provider,
                            variables,
                            options.providers(),
                            options.policy());
            if (Activities.isAction(activity) && refused.isEmpty()) {
                actionRan.set(true);
            }
            try {
                if (!refused.isEmpty()) {
                    throw new ActivityFailedException("refused: " + String.join("; ", refused));
                }
                JsonNode output = p.run(provider, context);
                run.set("output", output);
            } catch (ActivityFailedException e) {
                status = "failed";
                exception = List.of("ActivityFailed: " + e.getMessage());
            } catch (InterruptedException e) {
                status = "failed";
                exception = List.of("Interrupted: " + (stopReason == null ? "stopped" : stopReason));
                interruption = e;
            } catch (RuntimeException e) {
                status = "failed";
                exception = List.of(e.toString());
            }
        }
        Instant end = now();
        run.put("status", status);
        run.put("end", Journal.timestamp(end));
        run.put("duration", Journal.seconds(start, end));
        if (exception != null) {
            ArrayNode ex = run.putArray("exception");
            exception.forEach(ex::add);
        }
        if (journalList != null) {
            append(journalList, run);
        }
        listener.activityFinished(section, run);
        if (interruption != null) {
            throw interruption;
        }
        pause(activity.path("pauses").path("after"));
        return run;
    }

    private void pause(JsonNode seconds) throws InterruptedException {
        if (seconds.isNumber() && seconds.asDouble() > 0 && !options.dry().skipsPauses()) {
            listener.phase("Pausing for " + seconds.asDouble() + "s");
            Thread.sleep((long) (seconds.asDouble() * 1000));
        }
    }

    private void rollbacks(String status) {
        boolean failedOrDeviated = !"completed".equals(status) || deviated;
        boolean run;
        String why;
        switch (rollbackStrategy) {
            case "never" -> {
                run = false;
                why = "the rollback strategy is 'never'";
            }
            case "always" -> {
                run = true;
                why = "the rollback strategy is 'always'";
            }
            case "deviated" -> {
                run = deviated || (failedOrDeviated && actionRan.get());
                why = run ? "the run deviated or failed after an action ran" : "the run did not deviate";
            }
            default -> {
                run = "completed".equals(status) || actionRan.get();
                why = run ? "default strategy" : "no action ran";
            }
        }
        if (!run) {
            listener.phase("Rollbacks skipped: " + why);
            return;
        }
        listener.phase("Rollbacks (" + why + ")");
        for (JsonNode declared : Activities.rollbacks(experiment)) {
            JsonNode activity = Activities.resolve(declared, byName);
            try {
                execute("rollback", activity, rollbackRuns);
            } catch (InterruptedException e) {
                Thread.interrupted(); // a rollback is never abandoned because of an interruption
            } catch (RuntimeException e) {
                listener.phase("Rollback '" + Activities.name(activity) + "' failed: " + e);
            }
        }
        for (RunContext.Registered fault : context.faultsInPlace()) {
            ObjectNode entry = F.objectNode();
            ObjectNode activity = entry.putObject("activity");
            activity.put("type", "action");
            activity.put("name", "kintsugi-revert-leftover-fault");
            activity.putObject("provider")
                    .put("type", "kintsugi")
                    .put("func", "revert")
                    .put("fault", fault.description())
                    .put("key", fault.fault().key());
            Instant start = now();
            entry.putNull("output");
            entry.put("start", Journal.timestamp(start));
            listener.activityStarted("rollback", activity);
            try {
                fault.undo().run();
                context.removed(fault.fault().key());
                entry.put("status", "succeeded");
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                context.removalFailed(fault.fault().key(), e.toString());
                entry.put("status", "failed");
                entry.putArray("exception").add(e.toString());
            }
            Instant end = now();
            entry.put("end", Journal.timestamp(end));
            entry.put("duration", Journal.seconds(start, end));
            listener.activityFinished("rollback", entry);
            rollbackRuns.add(entry);
        }
    }

    /** How long the run should take if everything takes its budget: the basis of every fault's lease. */
    Duration expectedDuration() {
        double seconds = 0;
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode a : Activities.method(experiment)) {
            all.add(Activities.resolve(a, byName));
        }
        List<JsonNode> probes = new ArrayList<>();
        for (JsonNode a : Activities.hypothesisProbes(experiment)) {
            probes.add(Activities.resolve(a, byName));
        }
        all.addAll(probes); // after the method
        for (JsonNode a : Activities.rollbacks(experiment)) {
            all.add(Activities.resolve(a, byName));
        }
        for (JsonNode a : all) {
            if (a == null) {
                continue;
            }
            seconds += a.path("pauses").path("before").asDouble(0)
                    + a.path("pauses").path("after").asDouble(0);
            Provider p = options.providers().get(a.path("provider").path("type").asString(""));
            if (p != null) {
                seconds += p.budgetSeconds(a.path("provider"));
            }
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    public Instant expectedEnd() {
        return expectedEnd;
    }

    public RunContext context() {
        return context;
    }

    private Instant now() {
        return options.clock().instant();
    }

    static String version() {
        String v = Runner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
