package dev.kintsugi.chaos;

import java.time.Instant;

/** The kill switch was released: runs may start again. */
public record KillSwitchReleased(String by, Instant at) {}
