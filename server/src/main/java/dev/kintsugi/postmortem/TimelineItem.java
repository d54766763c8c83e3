package dev.kintsugi.postmortem;

import java.time.Instant;

/**
 * An entry of a post-mortem's own timeline, told from one perspective, from one source. {@code version} grows
 * on every edit (its ETag).
 */
public record TimelineItem(
        long id, Instant occurredAt, String author, String perspective, EntrySource source, String body, int version) {}
