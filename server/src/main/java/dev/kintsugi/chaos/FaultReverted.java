package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.Set;

/** A fault was removed ({@code reverted}), or its revert failed and it stays visible until resolved. */
public record FaultReverted(
        long faultId,
        long runId,
        long experimentId,
        boolean reverted,
        String error,
        Set<Long> serviceIds,
        Set<Long> teamIds,
        Instant at) {}
