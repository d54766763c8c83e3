package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.Set;

/** A game day was planned (created or cloned). */
public record GameDayPlanned(long gameDayId, String title, Set<Long> serviceIds, String by, Instant at) {}
