package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/** Someone acknowledged a page (in Kintsugi or through a notification link): its escalation stopped. */
public record PageAcknowledged(
        long pageId,
        String subjectType,
        String subjectId,
        String username,
        Instant at,
        List<Long> serviceIds,
        List<Long> teamIds) {}
