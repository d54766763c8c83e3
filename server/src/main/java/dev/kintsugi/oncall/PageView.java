package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/** A page as other modules and the API see it; {@code id} 0 when unrouted (nothing stored). */
public record PageView(
        long id,
        String subjectType,
        String subjectId,
        String title,
        String summary,
        String severity,
        String link,
        long policyId,
        PageStatus status,
        int level,
        int round,
        Instant createdAt,
        Instant nextStepAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        Instant resolvedAt,
        List<Long> serviceIds,
        List<Long> teamIds,
        long version) {}
