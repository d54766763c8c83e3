package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/**
 * A run ended: its outcome, whether the hypothesis deviated, and whether the steady state held again after the
 * rollbacks ({@code recovered}, null when the experiment has no hypothesis). {@link #passed()}: completed, not
 * deviated, not dry. {@code score}: its steady-state probes and its experiment's weight, the run's part of the
 * resilience score ({@link ChaosRuns#resilienceScore}); null for a dry run or a run without probes.
 */
public record ChaosRunFinished(
        long runId,
        long experimentId,
        int experimentVersion,
        RunStatus outcome,
        boolean dry,
        boolean deviated,
        Boolean recovered,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Instant at,
        RunScore score) {

    public boolean passed() {
        return outcome == RunStatus.COMPLETED && !deviated && !dry;
    }
}
