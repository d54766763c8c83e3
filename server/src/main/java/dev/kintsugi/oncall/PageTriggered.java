package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/** A page started (or was held for working time, {@code held}). */
public record PageTriggered(
        long pageId,
        String subjectType,
        String subjectId,
        long policyId,
        String severity,
        boolean held,
        Instant at,
        List<Long> serviceIds,
        List<Long> teamIds) {}
