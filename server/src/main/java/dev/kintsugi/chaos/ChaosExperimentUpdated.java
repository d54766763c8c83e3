package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/** An experiment got a new version (or new services). */
public record ChaosExperimentUpdated(
        long experimentId, int experimentVersion, String title, Set<Long> serviceIds, Set<Long> teamIds, Instant at) {}
