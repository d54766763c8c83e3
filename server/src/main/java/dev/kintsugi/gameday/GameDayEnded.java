package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A game day ended; {@code runsStopped} are the chaos runs it stopped (their faults are reverted by chaos). */
public record GameDayEnded(long gameDayId, Set<Long> serviceIds, List<Long> runsStopped, String by, Instant at) {}
