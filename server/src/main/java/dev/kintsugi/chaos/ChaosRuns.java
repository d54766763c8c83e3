package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs: started by a {@code CHAOS_ENGINEER} (or a schedule, as the system) once the guardrails allow it, executed
 * in the server, recorded as they go. Reads are open to every viewer.
 */
@Service
@Transactional
public class ChaosRuns {
    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final ChaosExperiments experiments;
    private final Guardrails guardrails;
    private final RunEngine engine;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LiveUpdates live;
    private final Clock clock;
    private final RunTimeline timeline;

    ChaosRuns(
            FaultRepository faultRows,
            RunRepository runRows,
            ChaosExperiments experiments,
            Guardrails guardrails,
            RunEngine engine,
            AuditLog audit,
            ApplicationEventPublisher events,
            LiveUpdates live,
            Clock clock,
            RunTimeline timeline) {
        this.timeline = timeline;
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.experiments = experiments;
        this.guardrails = guardrails;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.live = live;
        this.clock = clock;
    }

    /**
     * Starts a run of the experiment's current version; refused ({@link RunRefused}, 409) with the reason when a
     * guardrail says no. {@code dry}: probes run, actions do not.
     */
    public RunView start(long experimentId, boolean dry) {
        ChaosExperiments.requireChaosEngineer();
        ExperimentView experiment = experiments.get(experimentId);
        List<Engine.Step> steps = EngineSteps.steps(experiment.definition());
        Instant now = clock.instant();
        guardrails.check(experiment, steps, now, engine.activeCount());
        long runId = runRows.insertRun(
                experimentId, experiment.currentVersion(), dry, Actor.current(), now, engine.instance());
        Set<Long> teams = experiments.teams(experiment.serviceIds());
        audit.record(
                "chaos.run.started",
                "chaos-run",
                Long.toString(runId),
                "Started run " + runId + " of " + experiment.title() + " (version " + experiment.currentVersion()
                        + (dry ? ", dry" : "") + ")",
                null,
                Map.of("experiment", experimentId, "version", experiment.currentVersion(), "dry", dry));
        events.publishEvent(new ChaosRunStarted(
                runId,
                experimentId,
                experiment.currentVersion(),
                dry,
                Actor.current(),
                Set.copyOf(experiment.serviceIds()),
                teams,
                now));
        RunEngine.Launch launch = new RunEngine.Launch(
                runId,
                experimentId,
                experiment.currentVersion(),
                experiment.title(),
                experiment.definition(),
                dry,
                experiment.serviceIds(),
                teams);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                engine.submit(launch);
            }
        });
        return runRows.findRun(runId).orElseThrow();
    }

    /** Stops a run in progress: its method stops, its rollbacks run. */
    public RunView stop(long runId, String reason) {
        ChaosExperiments.requireChaosEngineer();
        RunView run = get(runId);
        if (!run.running()) {
            throw new ConflictException(
                    "chaos.error.run.notRunning",
                    "Run " + runId + " is not in progress (" + run.status() + ")",
                    Map.of(),
                    runId,
                    run.status());
        }
        String why = reason == null || reason.isBlank() ? "stopped by " + Actor.current() : reason;
        runRows.stopReason(runId, why);
        audit.record("chaos.run.stopped", "chaos-run", Long.toString(runId), "Stopped run " + runId, null, why);
        engine.interrupt(runId, why);
        return get(runId);
    }

    /** The key ({@code PM-n}) of the post-mortem started from this run, or null. */
    @Transactional(readOnly = true)
    public String postmortemOf(long runId) {
        get(runId);
        return runRows.postmortemOf(runId).orElse(null);
    }

    /**
     * Records the post-mortem started from a run (the post-mortem module calls it when it drafts one): once per run;
     * false when the run already had one. Audited.
     */
    @Transactional
    public boolean linkPostmortem(long runId, String postmortemKey) {
        get(runId);
        if (runRows.linkPostmortem(runId, postmortemKey) == 0) {
            return false;
        }
        audit.record(
                "chaos.run.postmortem",
                "chaos-run",
                Long.toString(runId),
                "Started " + postmortemKey + " from run " + runId,
                null,
                Map.of("postmortem", postmortemKey));
        return true;
    }

    @Transactional(readOnly = true)
    public RunView get(long runId) {
        return runRows.findRun(runId).orElseThrow(() -> new NotFoundException("Run", runId));
    }

    @Transactional(readOnly = true)
    public List<RunView> ofExperiment(long experimentId, int limit) {
        experiments.get(experimentId);
        return runRows.runsOf(experimentId, limit);
    }

    @Transactional(readOnly = true)
    public List<RunView> ofService(long serviceId, int limit) {
        return runRows.runsOfService(serviceId, limit);
    }

    /**
     * A service's resilience over its last {@code limit} ended runs, as LitmusChaos defines it with every
     * experiment weighing 1 (weights are not modelled yet): the mean of each run's steady-state probe success %.
     * Null when there is no such run. The runs' scores, oldest first, are in {@link #scores}.
     */
    @Transactional(readOnly = true)
    public Integer resilienceScore(long serviceId, int limit) {
        return RunScore.weighted(runRows.scoresOfService(serviceId, limit));
    }

    /** An ended run's score, when it ended and the services its experiment is on. */
    public record ScoredRun(long runId, Instant endedAt, Set<Long> serviceIds, RunScore score) {}

    /**
     * Every ended, non-dry run with probes after {@code afterRunId}, oldest first, a page of at most {@code limit}
     * (what the insights read model is rebuilt from; {@link ChaosRunFinished} carries the same score).
     */
    @Transactional(readOnly = true)
    public List<ScoredRun> scoredRuns(long afterRunId, int limit) {
        return runRows.scoredRuns(afterRunId, Math.clamp(limit, 1, 1000));
    }

    /** The experiment's own resilience score over its last {@code limit} ended, non-dry runs; null without any. */
    @Transactional(readOnly = true)
    public Integer experimentScore(long experimentId, int limit) {
        experiments.get(experimentId);
        return RunScore.weighted(runRows.scoresOfExperiment(experimentId, limit));
    }

    @Transactional(readOnly = true)
    public List<RunScore> scores(long serviceId, int limit) {
        List<RunScore> scores = new java.util.ArrayList<>(runRows.scoresOfService(serviceId, limit));
        java.util.Collections.reverse(scores);
        return scores;
    }

    @Transactional(readOnly = true)
    public List<RunView> recent(int limit) {
        return runRows.recentRuns(limit);
    }

    @Transactional(readOnly = true)
    public List<RunView> running() {
        return runRows.runningRuns();
    }

    @Transactional(readOnly = true)
    public List<ActivityView> activities(long runId) {
        get(runId);
        return runRows.activities(runId);
    }

    /** The run told as timeline entries (message code + args, and their English text), for its post-mortem. */
    @Transactional(readOnly = true)
    public List<RunTimelineEntry> timeline(long runId) {
        return timeline.of(get(runId));
    }

    @Transactional(readOnly = true)
    public List<FaultView> faults(long runId) {
        get(runId);
        return faultRows.faultsOf(runId);
    }

    /** Incidents this run wrote on (the loop). */
    @Transactional(readOnly = true)
    public List<String> incidents(long runId) {
        get(runId);
        return runRows.incidentsOf(runId);
    }

    /** The Chaos Toolkit journal (as the CLI writes it), once the run has ended. */
    @Transactional(readOnly = true)
    public String journal(long runId) {
        get(runId);
        return runRows.journal(runId)
                .orElseThrow(() -> new NotFoundException("Journal of run", runId + " (still running or none)"));
    }

    /** Faults whose revert failed and that nobody has resolved yet (the dashboard shows them). */
    @Transactional(readOnly = true)
    public List<FaultView> unresolvedFaults() {
        return faultRows.faultsWithStatus(FaultStatus.REVERT_FAILED);
    }

    /** Tries a failed revert again. */
    public FaultView retryRevert(long faultId) {
        ChaosExperiments.requireChaosEngineer();
        FaultView fault = fault(faultId);
        if (fault.status() != FaultStatus.REVERT_FAILED && !fault.inPlace()) {
            throw new ConflictException(
                    "chaos.error.fault.state",
                    "Fault " + faultId + " is " + fault.status(),
                    Map.of(),
                    faultId,
                    fault.status());
        }
        engine.revert(fault, null);
        return fault(faultId);
    }

    /**
     * Reverts now every fault of the run still in place and answers how many it reverted. Idempotent: a fault the
     * run's own rollback reverts meanwhile is left alone (its outcome is recorded once), so a caller ending a game
     * day while the run is stopping never meets a conflict.
     */
    public int revertInPlace(long runId) {
        ChaosExperiments.requireChaosEngineer();
        get(runId);
        int reverted = 0;
        for (FaultView f : faultRows.faultsOf(runId)) {
            if (f.inPlace()) {
                engine.revert(f, null);
                reverted++;
            }
        }
        return reverted;
    }

    /** A person checked that a fault whose revert failed is gone: it stops being shown. */
    public FaultView resolve(long faultId) {
        ChaosExperiments.requireChaosEngineer();
        FaultView fault = fault(faultId);
        if (faultRows.resolveFault(faultId, Actor.current(), clock.instant()) == 0) {
            throw new ConflictException(
                    "chaos.error.fault.notFailed",
                    "Fault " + faultId + " is " + fault.status() + ", not REVERT_FAILED",
                    Map.of(),
                    faultId,
                    fault.status());
        }
        audit.record(
                "chaos.fault.resolved",
                "chaos-fault",
                Long.toString(faultId),
                "Marked resolved: " + fault.description(),
                fault.status().name(),
                FaultStatus.RESOLVED.name());
        live.publish(RunEngine.topic(fault.runId()), "fault", Long.toString(faultId));
        return fault(faultId);
    }

    @Transactional(readOnly = true)
    public FaultView fault(long faultId) {
        return faultRows.fault(faultId).orElseThrow(() -> new NotFoundException("Fault", faultId));
    }
}
