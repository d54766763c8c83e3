package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nothing left behind: every run the journal shows in progress whose instance died under it (it stopped saying it
 * is alive: {@link RunWatch}) is marked interrupted and every fault it left in place is reverted from the journal;
 * a revert that fails stays visible (run page, dashboard) until someone resolves it. At start-up, and then by every
 * instance now and then, so that a crashed instance's runs are taken over by another. A live instance's runs are
 * never touched. The proxy's leases covered the time the server was down.
 */
@Component
class ChaosRecovery {
    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final RunEngine engine;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ChaosExperiments experiments;
    private final Clock clock;
    private final TransactionTemplate tx;

    ChaosRecovery(
            FaultRepository faultRows,
            RunRepository runRows,
            RunEngine engine,
            AuditLog audit,
            ApplicationEventPublisher events,
            ChaosExperiments experiments,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.experiments = experiments;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        recover();
    }

    /**
     * Marks unfinished runs interrupted and reverts their faults: those no instance owns and those whose instance
     * died; answers how many runs it found.
     */
    int recover() {
        return Actor.runAsSystem("revert faults left by runs that did not finish", () -> recoverNow(true));
    }

    /** The same for the runs of instances that died (those no instance owns are left to a start-up). */
    int recoverStale() {
        return Actor.runAsSystem("revert faults left by an instance that died", () -> recoverNow(false));
    }

    private int recoverNow(boolean unowned) {
        Instant staleBefore = clock.instant().minus(RunWatch.STALE_AFTER);
        Set<Long> orphanIds = Set.copyOf(tx.execute(s -> runRows.orphanRunIds(staleBefore, unowned)));
        if (orphanIds.isEmpty() && !unowned) {
            return 0;
        }
        List<RunView> orphans = tx.execute(s -> runRows.runningRuns()).stream()
                .filter(r -> orphanIds.contains(r.id()))
                .filter(r -> !engine.isActive(r.id()))
                .toList();
        Instant now = clock.instant();
        for (RunView run : orphans) {
            tx.executeWithoutResult(s -> {
                runRows.finishRun(
                        run.id(),
                        RunStatus.INTERRUPTED,
                        run.deviated(),
                        null,
                        "the server stopped during the run",
                        null,
                        now);
                audit.record(
                        "chaos.run.interrupted",
                        "chaos-run",
                        Long.toString(run.id()),
                        "Run " + run.id() + " did not finish: the server stopped during it",
                        null,
                        Map.of("status", RunStatus.INTERRUPTED.name()));
                events.publishEvent(new ChaosRunFinished(
                        run.id(),
                        run.experimentId(),
                        run.experimentVersion(),
                        RunStatus.INTERRUPTED,
                        run.dry(),
                        run.deviated(),
                        null,
                        Set.copyOf(run.serviceIds()),
                        experiments.teams(run.serviceIds()),
                        now,
                        run.dry() ? null : runRows.scoreOfRun(run.id()).orElse(null)));
            });
        }
        // the faults of those runs, and any of a run that ended with a fault still marked in place; never those of
        // a run in progress here or on another live instance
        Set<Long> active = engine.activeRuns();
        Set<Long> taken = orphans.stream().map(RunView::id).collect(java.util.stream.Collectors.toSet());
        Set<Long> running = tx.execute(s -> runRows.runningRuns()).stream()
                .map(RunView::id)
                .collect(java.util.stream.Collectors.toSet());
        List<FaultView> leftovers =
                tx.execute(s -> faultRows.faultsWithStatus(FaultStatus.INJECTING, FaultStatus.IN_PLACE)).stream()
                        .filter(f -> !active.contains(f.runId()))
                        .filter(f -> taken.contains(f.runId()) || !running.contains(f.runId()))
                        .toList();
        engine.revertLeftovers(null, leftovers);
        return orphans.size();
    }
}
