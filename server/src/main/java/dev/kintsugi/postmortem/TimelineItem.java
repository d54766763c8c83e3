package dev.kintsugi.postmortem;

import dev.kintsugi.incident.TimelineMessage;
import java.time.Instant;

/**
 * An entry of a post-mortem's own timeline, told from one perspective, from one source. {@code kept} says whether
 * the curated story shows it (read page, exports); dropped entries stay visible to the editors. {@code
 * incidentKind} is what an entry brought over from the incident recorded ({@code NOTE}, {@code ROLE_CHANGE},
 * ...), null otherwise. {@code version} grows on every edit (its ETag). {@code message} is what a system entry
 * brought over from the incident says as data (rendered in each reader's language; {@code body} is its English
 * text); null for entries people wrote, and cleared when someone edits the entry.
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
        int version,
        TimelineMessage message) {}
