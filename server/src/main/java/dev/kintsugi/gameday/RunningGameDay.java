package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.List;

/**
 * A game day in progress as other modules need it (what makes alerts expected): no scenario, no visibility rules —
 * only which services it targets, who facilitates it and since when.
 */
public record RunningGameDay(long id, List<Long> serviceIds, String facilitator, Instant startedAt) {}
