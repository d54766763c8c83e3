package dev.kintsugi.chaos;

import java.time.Instant;

/** The kill switch was engaged: every run stopped, every fault reverted, new runs refused until released. */
public record KillSwitchEngaged(String by, String reason, Instant at) {}
