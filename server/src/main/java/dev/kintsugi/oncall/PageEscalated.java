package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/** A page reached a level of its policy (level 0 is the first notification): these people were paged. */
public record PageEscalated(
        long pageId,
        String subjectType,
        String subjectId,
        long policyId,
        int level,
        int round,
        List<String> usernames,
        Instant at,
        List<Long> serviceIds,
        List<Long> teamIds) {}
