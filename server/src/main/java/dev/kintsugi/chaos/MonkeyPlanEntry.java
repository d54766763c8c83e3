package dev.kintsugi.chaos;

import java.time.Instant;
import java.time.LocalDate;

/** One planned termination of a day: its group, when, and {@code PLANNED}, {@code RUNNING} or {@code DONE}. */
public record MonkeyPlanEntry(
        long id, long serviceId, LocalDate day, String group, Instant plannedFor, String status) {}
