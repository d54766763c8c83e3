package dev.kintsugi.chaos;

import java.time.Instant;

/** The kill switch: engaged or not, by whom, when, why. */
public record KillSwitchState(boolean engaged, String changedBy, Instant changedAt, String reason, long version) {}
