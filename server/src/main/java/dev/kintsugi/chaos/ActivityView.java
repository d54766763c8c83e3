package dev.kintsugi.chaos;

import java.time.Instant;

/** One activity of a run as it started and ended; {@code toleranceMet} for hypothesis probes. */
public record ActivityView(
        long id,
        String section,
        String name,
        String kind,
        String status,
        Boolean toleranceMet,
        String output,
        Instant startedAt,
        Instant endedAt) {}
