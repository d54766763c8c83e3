package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.LiveUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's own reverts of journaled faults: in parallel (virtual threads), each outcome recorded once with its
 * audit entry, event and live update; a revert that fails stays visible (REVERT_FAILED) until someone resolves it.
 */
@Component
class FaultReverts implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(FaultReverts.class);

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
    private final ChaosProperties properties;
    private final ExecutorService reverts = Executors.newVirtualThreadPerTaskExecutor();

    FaultReverts(
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
            ChaosProperties properties) {
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
        this.properties = properties;
    }

    /** Reverts (in parallel) every fault of this list still in place; answers when all are done. */
    void revertLeftovers(RunEngine.Launch launch, List<FaultView> faults) {
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
    void revert(FaultView fault, RunEngine.Launch launch) {
        String error = reverter.revert(fault);
        Actor.runAsSystem("revert fault " + fault.id(), () -> reverted(fault.id(), error, launch));
    }

    /** Records that a fault is gone ({@code error} null) or could not be reverted; once, with its event. */
    void reverted(long faultId, String error, RunEngine.Launch launch) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            FaultView fault = faultRows.fault(faultId).orElseThrow();
            if (faultRows.faultReverted(faultId, error == null, error, now) == 0) {
                return;
            }
            long experimentId = launch == null
                    ? runRows.findRun(fault.runId()).map(RunView::experimentId).orElse(0L)
                    : launch.experimentId();
            List<Long> services = launch == null ? experimentRows.serviceIds(experimentId) : launch.serviceIds();
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
            live.publish(RunEngine.topic(fault.runId()), "fault", Long.toString(faultId));
        });
    }

    @Override
    public void destroy() {
        reverts.shutdown();
    }
}
