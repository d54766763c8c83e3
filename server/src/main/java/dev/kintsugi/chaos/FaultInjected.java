package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/** A run put a fault in place (journaled before it was injected). */
public record FaultInjected(
        long faultId,
        long runId,
        long experimentId,
        String description,
        Instant leaseUntil,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Instant at) {}
