package dev.kintsugi.postmortem;

import java.time.Instant;

/**
 * An entry of a post-mortem's own timeline, told from one perspective, from one source. {@code kept} says whether
 * the curated story shows it (read page, exports); dropped entries stay visible to the editors. {@code
 * incidentKind} is what an entry brought over from the incident recorded ({@code NOTE}, {@code ROLE_CHANGE},
 * ...), null otherwise. {@code version} grows on every edit (its ETag).
 */
public record TimelineItem(
        long id,
        Instant occurredAt,
        String author,
        String perspective,
        EntrySource source,
        String incidentKind,
        String body,
        boolean kept,
        int version) {}
