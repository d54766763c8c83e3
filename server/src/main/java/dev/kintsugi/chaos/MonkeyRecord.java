package dev.kintsugi.chaos;

import java.time.Instant;

/**
 * What the Chaos Monkey did once: {@code outcome} {@code TERMINATED}, {@code LEASHED} (would have, did nothing),
 * {@code BLOCKED} (a check said no, or a check failed: nothing done), {@code SKIPPED} (nothing to terminate) or
 * {@code FAILED} (the termination itself failed); {@code reason} says why (a message code of the chaos bundle, with {@code reasonArgs}); {@code incidentKey} the incident it
 * opened when the service stayed unhealthy; {@code effectUntil} until when alerts of the service are expected (a
 * termination that was carried out).
 */
public record MonkeyRecord(
        long id,
        Long planId,
        long serviceId,
        String group,
        Instant occurredAt,
        boolean leashed,
        MonkeyTermination termination,
        String target,
        String outcome,
        String reason,
        java.util.List<String> reasonArgs,
        String incidentKey,
        Instant effectUntil) {}
