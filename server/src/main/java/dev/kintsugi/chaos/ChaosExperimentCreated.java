package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/** An experiment was created (its first version). */
public record ChaosExperimentCreated(
        long experimentId, int experimentVersion, String title, Set<Long> serviceIds, Set<Long> teamIds, Instant at) {}
