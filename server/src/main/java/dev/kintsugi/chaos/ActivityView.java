package dev.kintsugi.chaos;

import java.time.Instant;

/**
 * One activity of a run as it started and ended; {@code toleranceMet} and {@code tolerance} (what its value was checked
 * against, JSON as the engine substituted it) for steady-state probes.
 */
public record ActivityView(
        long id,
        String section,
        String name,
        String kind,
        String status,
        Boolean toleranceMet,
        String output,
        Instant startedAt,
        Instant endedAt,
        String tolerance) {}
