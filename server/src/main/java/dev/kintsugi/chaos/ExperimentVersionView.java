package dev.kintsugi.chaos;

import java.time.Instant;

/** One saved version of an experiment. */
public record ExperimentVersionView(int number, String createdBy, Instant createdAt) {}
