package dev.kintsugi.incident;

import java.time.Instant;

/** One entry of an incident's timeline. {@code body} is Markdown. */
public record TimelineEntry(
        long id,
        long incidentId,
        Instant occurredAt,
        Instant recordedAt,
        String author,
        TimelineEntryKind kind,
        Visibility visibility,
        String perspective,
        String body,
        boolean pinned) {}
