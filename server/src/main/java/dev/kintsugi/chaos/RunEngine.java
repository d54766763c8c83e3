package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.OpenIncident;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.LiveUpdates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes runs in the server through the engine as a library, on a bounded executor (never a child process), and
 * keeps their journal as they go: each activity as it starts and ends, each fault journaled <em>before</em> the
 * request that injects it and marked reverted after. When the run ends, every fault still in place is reverted
 * by the server from the journal, the steady state is checked once more ("recovered"), and the outcome recorded.
 * Live pages follow {@code chaos-run:<id>} (events {@code activity}, {@code fault}, {@code finished}).
 */
@Component
class RunEngine implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);
    private static final Pattern TTL = Pattern.compile("\"ttl_ms\"\\s*:\\s*(\\d+)");

    private final ChaosRepository repo;
    private final TransactionTemplate tx;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final FaultReverter reverter;
    private final CatalogManagement catalog;
    private final IncidentContributions incidents;
    private final ChaosProperties properties;
    private final ThreadPoolExecutor executor;
    private final ExecutorService reverts = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, Active> active = new ConcurrentHashMap<>();

    /** A run executing in this server. */
    private static final class Active {
        final long runId;
        volatile Engine.Execution execution;
        volatile String stopReason;
        volatile Future<?> future;

        Active(long runId) {
            this.runId = runId;
        }
    }

    /** What a run needs to know about itself. */
    record Launch(
            long runId,
            long experimentId,
            int experimentVersion,
            String title,
            String definition,
            boolean dry,
            List<Long> serviceIds,
            Set<Long> teamIds) {}

    RunEngine(
            ChaosRepository repo,
            PlatformTransactionManager transactions,
            LiveUpdates live,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock,
            FaultReverter reverter,
            CatalogManagement catalog,
            IncidentContributions incidents,
            ChaosProperties properties) {
        this.repo = repo;
        this.tx = new TransactionTemplate(transactions);
        this.live = live;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.reverter = reverter;
        this.catalog = catalog;
        this.incidents = incidents;
        this.properties = properties;
        this.executor = new ThreadPoolExecutor(
                properties.maxParallelRuns(),
                properties.maxParallelRuns(),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("chaos-run-", 1).daemon().factory());
        this.executor.allowCoreThreadTimeOut(true);
    }

    int activeCount() {
        return active.size();
    }

    boolean isActive(long runId) {
        return active.containsKey(runId);
    }

    Set<Long> activeRuns() {
        return Set.copyOf(active.keySet());
    }

    /** Starts a run already recorded as RUNNING; call after the transaction that recorded it committed. */
    void submit(Launch launch) {
        Active a = new Active(launch.runId());
        active.put(launch.runId(), a);
        try {
            a.future = executor.submit(() -> execute(launch, a));
        } catch (RuntimeException e) {
            active.remove(launch.runId());
            throw e;
        }
    }

    /** Asks a run to stop now (its method stops, its rollbacks run); false when it is not running here. */
    boolean interrupt(long runId, String reason) {
        Active a = active.get(runId);
        if (a == null) {
            return false;
        }
        if (a.stopReason == null) {
            a.stopReason = reason;
        }
        Engine.Execution e = a.execution;
        if (e != null) {
            e.interrupt(reason);
        }
        return true;
    }

    List<Long> interruptAll(String reason) {
        List<Long> ids = new ArrayList<>(active.keySet());
        ids.forEach(id -> interrupt(id, reason));
        return ids;
    }

    /** Waits (bounded) until no run is in progress here. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!active.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void execute(Launch launch, Active a) {
        String reasonText = "chaos run " + launch.runId();
        try {
            Actor.runAsSystem(reasonText, () -> run(launch, a));
        } catch (RuntimeException e) {
            log.error("chaos run {} failed in the server", launch.runId(), e);
            Actor.runAsSystem(
                    reasonText, () -> finish(launch, RunStatus.FAILED, false, null, "server error: " + e, null));
        } finally {
            active.remove(launch.runId());
        }
    }

    private void run(Launch launch, Active a) {
        Callbacks callbacks = new Callbacks(launch);
        Engine.Execution execution;
        try {
            execution = Engine.prepare(
                    launch.definition(),
                    launch.dry(),
                    properties.leaseMargin(),
                    clock,
                    callbacks,
                    reverter.kubernetes());
        } catch (InvalidExperimentText e) {
            finish(launch, RunStatus.FAILED, false, null, e.getMessage(), null);
            return;
        }
        a.execution = execution;
        if (a.stopReason != null || tx.execute(s -> repo.killSwitch().engaged())) {
            finish(
                    launch,
                    RunStatus.INTERRUPTED,
                    false,
                    null,
                    a.stopReason == null ? "kill switch" : a.stopReason,
                    null);
            return;
        }
        Engine.Outcome outcome = execution.run();
        revertLeftovers(launch, repo.faultsOf(launch.runId()));
        Boolean recovered = launch.dry() ? null : recovered(launch);
        RunStatus status = RunStatus.ofJournal(outcome.status());
        finish(launch, status, outcome.deviated(), recovered, a.stopReason, outcome.journal());
    }

    /** The steady state checked once more after the rollbacks, recorded as an activity of section "recovery". */
    private Boolean recovered(Launch launch) {
        String check = Engine.steadyStateCheck(launch.definition());
        if (check == null) {
            return null;
        }
        Instant start = clock.instant();
        long activityId = tx.execute(s ->
                repo.insertActivity(launch.runId(), "recovery", "steady state after the rollbacks", "probe", start));
        live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
        Boolean met;
        String output;
        try {
            Engine.Outcome o = Engine.prepare(check, false, properties.leaseMargin(), clock, null)
                    .run();
            met = Engine.steadyStateMet(o.journal());
            output = Engine.firstProbeOutput(o.journal());
        } catch (RuntimeException e) {
            log.warn("steady-state check after the rollbacks failed", e);
            met = false;
            output = e.getMessage();
        }
        boolean ok = Boolean.TRUE.equals(met);
        String out = output;
        tx.executeWithoutResult(
                s -> repo.finishActivity(activityId, ok ? "succeeded" : "failed", ok, out, clock.instant()));
        live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
        return ok;
    }

    private void finish(
            Launch launch, RunStatus status, boolean deviated, Boolean recovered, String reason, String journal) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            repo.finishRun(launch.runId(), status, deviated, recovered, reason, journal, now);
            audit.record(
                    "chaos.run.finished",
                    "chaos-run",
                    Long.toString(launch.runId()),
                    "Run " + launch.runId() + " of " + launch.title() + " ended " + status
                            + (deviated ? " (deviated)" : ""),
                    null,
                    Map.of(
                            "status",
                            status.name(),
                            "deviated",
                            deviated,
                            "recovered",
                            recovered == null ? "unknown" : recovered));
            events.publishEvent(new ChaosRunFinished(
                    launch.runId(),
                    launch.experimentId(),
                    launch.experimentVersion(),
                    status,
                    launch.dry(),
                    deviated,
                    recovered,
                    Set.copyOf(launch.serviceIds()),
                    launch.teamIds(),
                    now));
            live.publish(topic(launch.runId()), "finished", Long.toString(launch.runId()));
        });
    }

    /** Reverts (in parallel) every fault of this list still in place; answers when all are done. */
    void revertLeftovers(Launch launch, List<FaultView> faults) {
        List<Future<?>> pending = new ArrayList<>();
        for (FaultView f : faults) {
            if (f.inPlace()) {
                pending.add(reverts.submit(() -> revert(f, launch)));
            }
        }
        for (Future<?> p : pending) {
            try {
                p.get(properties.checkTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("revert did not finish", e);
            }
        }
    }

    /** Reverts one journaled fault from the server; records the outcome (failed reverts stay visible). */
    void revert(FaultView fault, Launch launch) {
        String error = reverter.revert(fault);
        Actor.runAsSystem("revert fault " + fault.id(), () -> reverted(fault.id(), error, launch));
    }

    /** Records that a fault is gone ({@code error} null) or could not be reverted; once, with its event. */
    private void reverted(long faultId, String error, Launch launch) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            FaultView fault = repo.fault(faultId).orElseThrow();
            if (repo.faultReverted(faultId, error == null, error, now) == 0) {
                return;
            }
            long experimentId = launch == null
                    ? repo.findRun(fault.runId()).map(RunView::experimentId).orElse(0L)
                    : launch.experimentId();
            List<Long> services = launch == null ? repo.serviceIds(experimentId) : launch.serviceIds();
            audit.record(
                    error == null ? "chaos.fault.reverted" : "chaos.fault.revert-failed",
                    "chaos-fault",
                    Long.toString(faultId),
                    (error == null ? "Reverted " : "Could not revert ")
                            + fault.description()
                            + (error == null ? "" : ": " + error),
                    null,
                    null);
            events.publishEvent(new FaultReverted(
                    faultId,
                    fault.runId(),
                    experimentId,
                    error == null,
                    error,
                    Set.copyOf(services),
                    services.isEmpty() ? Set.of() : catalog.owningTeamIds(services),
                    now));
            live.publish(topic(fault.runId()), "fault", Long.toString(faultId));
        });
    }

    static String topic(long runId) {
        return "chaos-run:" + runId;
    }

    @Override
    public void destroy() throws InterruptedException {
        // the application stops: stop every run so that its rollbacks and leftover reverts run before the JVM goes
        interruptAll("the server is stopping");
        executor.shutdown();
        executor.awaitTermination(20, TimeUnit.SECONDS);
        reverts.shutdown();
    }

    /** The engine's callbacks for one run: activities and faults into the journal, live updates out. */
    private final class Callbacks implements Engine.Callbacks {
        private final Launch launch;
        private final Map<String, Long> activityIds = new ConcurrentHashMap<>();
        private final Map<String, Long> faultIds = new ConcurrentHashMap<>();
        /** The row of each activity that last finished: the engine checks a probe's tolerance after its end. */
        private final Map<String, Long> finishedIds = new ConcurrentHashMap<>();

        Callbacks(Launch launch) {
            this.launch = launch;
        }

        private String key(String section, String name) {
            return section + "/" + name;
        }

        // The engine calls these from its own threads (the method runs on a worker): act as the system for this
        // run there, and never let a journaling problem break the run itself.
        @Override
        public void started(Engine.Step step) {
            guarded(() -> onStarted(step));
        }

        @Override
        public void finished(Engine.StepEnd end) {
            guarded(() -> onFinished(end));
        }

        @Override
        public void probeChecked(String section, String name, String tolerance, boolean met) {
            guarded(() -> {
                Long activityId = finishedIds.get(key(section, name));
                if (activityId != null) {
                    tx.executeWithoutResult(s -> repo.probeChecked(activityId, tolerance, met));
                    live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
                }
            });
        }

        private void guarded(Runnable work) {
            try {
                Actor.runAsSystem("chaos run " + launch.runId(), work);
            } catch (RuntimeException e) {
                log.error("chaos run {}: could not journal a step", launch.runId(), e);
            }
        }

        private void onStarted(Engine.Step step) {
            Instant now = clock.instant();
            if (!"rollback".equals(step.section())
                    && tx.execute(s -> repo.killSwitch().engaged())) {
                // engaged on another instance: this run stops at its next step (its faults are reverted there)
                interrupt(launch.runId(), "kill switch engaged");
            }
            String key = key(step.section(), step.name());
            Long activityId =
                    tx.execute(s -> repo.insertActivity(launch.runId(), step.section(), step.name(), step.type(), now));
            activityIds.put(key, activityId);
            live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
        }

        private void onFinished(Engine.StepEnd end) {
            Instant now = clock.instant();
            Long activityId = activityIds.remove(key(end.section(), end.name()));
            if (activityId != null) {
                finishedIds.put(key(end.section(), end.name()), activityId);
                tx.executeWithoutResult(
                        s -> repo.finishActivity(activityId, end.status(), end.toleranceMet(), end.output(), now));
                live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
            }
        }

        @Override
        public void faultInjecting(Engine.FaultRecord fault) {
            // not guarded: a fault the server could not journal must not be applied (throwing refuses it)
            Actor.runAsSystem("chaos run " + launch.runId(), () -> {
                long id = tx.execute(s -> repo.insertFault(
                        launch.runId(),
                        fault.kind(),
                        fault.apiUrl(),
                        fault.proxy(),
                        fault.toxic(),
                        fault.description(),
                        clock.instant(),
                        fault.key(),
                        fault.json()));
                faultIds.put(fault.key(), id);
            });
        }

        @Override
        public void faultInjected(String key, Instant leaseExpiry) {
            guarded(() -> injected(key, leaseExpiry));
        }

        @Override
        public void faultRenewed(String key, Instant leaseExpiry) {
            Long id = faultIds.get(key);
            if (id != null && leaseExpiry != null) {
                guarded(() -> {
                    tx.executeWithoutResult(s -> repo.faultLease(id, leaseExpiry));
                    live.publish(topic(launch.runId()), "fault", Long.toString(id));
                });
            }
        }

        @Override
        public void faultRemoved(String key, String error) {
            Long id = faultIds.get(key);
            if (id == null) {
                return;
            }
            guarded(() -> {
                if (error == null) {
                    reverted(id, null, launch);
                } else {
                    tx.executeWithoutResult(s -> repo.faultError(id, error));
                    live.publish(topic(launch.runId()), "fault", Long.toString(id));
                }
            });
        }

        private void injected(String key, Instant leaseExpiry) {
            Long faultId = faultIds.get(key);
            if (faultId == null) {
                return;
            }
            Instant now = clock.instant();
            Instant leaseUntil = leaseExpiry != null ? leaseExpiry : now.plus(properties.leaseMargin());
            FaultView fault = tx.execute(s -> {
                repo.faultInPlace(faultId, leaseUntil);
                return repo.fault(faultId).orElseThrow();
            });
            tx.executeWithoutResult(s -> {
                audit.record(
                        "chaos.fault.injected",
                        "chaos-fault",
                        Long.toString(faultId),
                        "Run " + launch.runId() + " injected " + fault.description(),
                        null,
                        Map.of("leaseUntil", leaseUntil.toString()));
                events.publishEvent(new FaultInjected(
                        faultId,
                        launch.runId(),
                        launch.experimentId(),
                        fault.description(),
                        leaseUntil,
                        Set.copyOf(launch.serviceIds()),
                        launch.teamIds(),
                        now));
            });
            live.publish(topic(launch.runId()), "fault", Long.toString(faultId));
            onTimelines(launch, fault.description(), now);
        }
    }

    /** The loop: each open incident on a target service hears that the experiment is injecting a fault. */
    void onTimelines(Launch launch, String fault, Instant since) {
        if (launch.serviceIds().isEmpty()) {
            return;
        }
        String services = String.join(
                ", ",
                catalog.servicesById(launch.serviceIds()).stream()
                        .map(CatalogService::name)
                        .sorted()
                        .toList());
        for (OpenIncident incident : tx.execute(s -> incidents.openOn(launch.serviceIds()))) {
            note(launch, incident.key(), fault, services, since);
        }
    }

    void note(Launch launch, String incidentKey, String fault, String services, Instant since) {
        TimelineMessage message = new TimelineMessage(
                "chaos.timeline.injecting",
                List.of(
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, launch.title()),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, fault),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, services),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.INSTANT, since.toString()),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, Long.toString(launch.runId()))));
        try {
            tx.executeWithoutResult(s -> {
                incidents.record(incidentKey, TimelineEntryKind.EXPERIMENT, message, since);
                repo.linkIncident(launch.runId(), incidentKey);
            });
            live.publish(topic(launch.runId()), "incident", incidentKey);
        } catch (RuntimeException e) {
            log.warn("could not note run {} on {}", launch.runId(), incidentKey, e);
        }
    }
}
