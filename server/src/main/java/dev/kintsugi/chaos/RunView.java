package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.List;

/** A run of an experiment at one of its versions. */
public record RunView(
        long id,
        long experimentId,
        String experimentTitle,
        int experimentVersion,
        RunStatus status,
        boolean dry,
        boolean deviated,
        Boolean recovered,
        String stopReason,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        List<Long> serviceIds) {

    public boolean running() {
        return status == RunStatus.RUNNING;
    }

    public boolean passed() {
        return status == RunStatus.COMPLETED && !deviated && !dry;
    }
}
