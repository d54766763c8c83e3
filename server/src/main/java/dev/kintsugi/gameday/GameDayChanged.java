package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.Set;

/**
 * Something in a game day changed: {@code what} says what (plan, participant, team, inject, inject-fired, reveal,
 * check, response, verdict, hint, postmortem).
 */
public record GameDayChanged(long gameDayId, String what, Set<Long> serviceIds, String by, Instant at) {}
