package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.Set;

/** A game day started: its target services' alerts are expected until it ends. */
public record GameDayStarted(long gameDayId, String title, Set<Long> serviceIds, String facilitator, Instant at) {}
