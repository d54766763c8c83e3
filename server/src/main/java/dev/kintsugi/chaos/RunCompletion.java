package dev.kintsugi.chaos;

import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.LiveUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of a run executed by {@link RunEngine}: the steady state checked once more after the rollbacks
 * ("recovered"), then the outcome recorded, audited, published ({@link ChaosRunFinished}) and pushed to the live
 * page, in one transaction.
 */
@Component
class RunCompletion {
    private static final Logger log = LoggerFactory.getLogger(RunCompletion.class);

    private final RunRepository runRows;
    private final TransactionTemplate tx;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final ChaosProperties properties;

    RunCompletion(
            RunRepository runRows,
            PlatformTransactionManager transactions,
            LiveUpdates live,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock,
            ChaosProperties properties) {
        this.runRows = runRows;
        this.tx = new TransactionTemplate(transactions);
        this.live = live;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** The steady state checked once more after the rollbacks, recorded as an activity of section "recovery". */
    Boolean recovered(RunEngine.Launch launch) {
        String check = Engine.steadyStateCheck(launch.definition());
        if (check == null) {
            return null;
        }
        Instant start = clock.instant();
        long activityId = tx.execute(s ->
                runRows.insertActivity(launch.runId(), "recovery", "steady state after the rollbacks", "probe", start));
        live.publish(RunEngine.topic(launch.runId()), "activity", Long.toString(activityId));
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
        live.publish(RunEngine.topic(launch.runId()), "activity", Long.toString(activityId));
        return ok;
    }

    void finish(
            RunEngine.Launch launch,
            RunStatus status,
            boolean deviated,
            Boolean recovered,
            String reason,
            String journal) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            runRows.finishRun(launch.runId(), status, deviated, recovered, reason, journal, now);
            RunScore score =
                    launch.dry() ? null : runRows.scoreOfRun(launch.runId()).orElse(null);
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
                    now,
                    score));
            live.publish(RunEngine.topic(launch.runId()), "finished", Long.toString(launch.runId()));
        });
    }
}
