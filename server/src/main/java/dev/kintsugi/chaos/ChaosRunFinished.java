package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/**
 * A run ended: its outcome, whether the hypothesis deviated, and whether the steady state held again after the
 * rollbacks ({@code recovered}, null when the experiment has no hypothesis). {@link #passed()}: completed, not
 * deviated, not dry.
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
        Instant at) {

    public boolean passed() {
        return outcome == RunStatus.COMPLETED && !deviated && !dry;
    }
}
