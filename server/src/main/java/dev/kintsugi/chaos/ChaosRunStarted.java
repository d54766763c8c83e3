package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/** A run of an experiment started (the version it runs is recorded). */
public record ChaosRunStarted(
        long runId,
        long experimentId,
        int experimentVersion,
        boolean dry,
        String startedBy,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Instant at) {}
