package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.IncidentContributions;
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
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    private final ExperimentRepository experimentRows;
    private final FaultRepository faultRows;
    private final RunRepository runRows;
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
    private final FaultReverts faultReverts;
    private final RunJournal journal;
    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    private final String instance = java.util.UUID.randomUUID().toString();

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
            ExperimentRepository experimentRows,
            FaultRepository faultRows,
            RunRepository runRows,
            PlatformTransactionManager transactions,
            LiveUpdates live,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock,
            FaultReverter reverter,
            CatalogManagement catalog,
            IncidentContributions incidents,
            ChaosProperties properties,
            FaultReverts faultReverts,
            RunJournal journal) {
        this.faultReverts = faultReverts;
        this.journal = journal;
        this.experimentRows = experimentRows;
        this.faultRows = faultRows;
        this.runRows = runRows;
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

    /** This instance, as it owns its runs in the journal (a new id at each start). */
    String instance() {
        return instance;
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
        RunJournal.Callbacks callbacks = journal.callbacks(launch, reason -> interrupt(launch.runId(), reason));
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
        if (a.stopReason != null || tx.execute(s -> faultRows.killSwitch().engaged())) {
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
        revertLeftovers(launch, faultRows.faultsOf(launch.runId()));
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
                runRows.insertActivity(launch.runId(), "recovery", "steady state after the rollbacks", "probe", start));
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
                s -> runRows.finishActivity(activityId, ok ? "succeeded" : "failed", ok, out, clock.instant()));
        live.publish(topic(launch.runId()), "activity", Long.toString(activityId));
        return ok;
    }

    private void finish(
            Launch launch, RunStatus status, boolean deviated, Boolean recovered, String reason, String journal) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            runRows.finishRun(launch.runId(), status, deviated, recovered, reason, journal, now);
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
        faultReverts.revertLeftovers(launch, faults);
    }

    /** Reverts one journaled fault from the server; records the outcome (failed reverts stay visible). */
    void revert(FaultView fault, Launch launch) {
        faultReverts.revert(fault, launch);
    }

    /** The loop: tells one open incident that the run is injecting {@code fault}. */
    void note(Launch launch, String incidentKey, String fault, String services, Instant since) {
        journal.note(launch, incidentKey, fault, services, since);
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
    }
}
