package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/**
 * The Chaos Monkey terminated something on a service ({@code leashed}: it only recorded what it would have
 * terminated). {@code outcome} is {@code TERMINATED} or {@code LEASHED}; {@code until} is when a timed termination
 * (a proxy down, an assault) ends, null for a pod or a process.
 */
public record MonkeyTerminated(
        long terminationId,
        long serviceId,
        Set<Long> teamIds,
        String group,
        MonkeyTermination termination,
        String target,
        boolean leashed,
        Instant occurredAt,
        Instant until) {}
