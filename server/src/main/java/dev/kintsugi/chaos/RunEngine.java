package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes runs in the server through the engine as a library, on a bounded executor (never a child process), and
 * keeps their journal as they go: each activity as it starts and ends, each fault journaled <em>before</em> the
 * request that injects it and marked reverted after. When the run ends, every fault still in place is reverted
 * by the server from the journal, the steady state is checked once more ("recovered"), and the outcome recorded
 * ({@link RunCompletion}).
 * Live pages follow {@code chaos-run:<id>} (events {@code activity}, {@code fault}, {@code finished}).
 */
@Component
class RunEngine implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final FaultRepository faultRows;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final FaultReverter reverter;
    private final ChaosProperties properties;
    private final RunCompletion completion;
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
            FaultRepository faultRows,
            PlatformTransactionManager transactions,
            Clock clock,
            FaultReverter reverter,
            ChaosProperties properties,
            FaultReverts faultReverts,
            RunJournal journal,
            RunCompletion completion) {
        this.faultReverts = faultReverts;
        this.journal = journal;
        this.faultRows = faultRows;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.reverter = reverter;
        this.properties = properties;
        this.completion = completion;
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
                    reasonText,
                    () -> completion.finish(launch, RunStatus.FAILED, false, null, "server error: " + e, null));
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
            completion.finish(launch, RunStatus.FAILED, false, null, e.getMessage(), null);
            return;
        }
        a.execution = execution;
        if (a.stopReason != null || tx.execute(s -> faultRows.killSwitch().engaged())) {
            completion.finish(
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
        Boolean recovered = launch.dry() ? null : completion.recovered(launch);
        RunStatus status = RunStatus.ofJournal(outcome.status());
        completion.finish(launch, status, outcome.deviated(), recovered, a.stopReason, outcome.journal());
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
