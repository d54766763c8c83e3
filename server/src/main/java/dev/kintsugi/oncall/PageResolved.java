package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/** A page's subject resolved (or someone resolved the page): escalation stopped, the people paged were told. */
public record PageResolved(
        long pageId,
        String subjectType,
        String subjectId,
        String by,
        Instant at,
        List<Long> serviceIds,
        List<Long> teamIds) {}
