package dev.kintsugi.incident;

import java.time.Instant;

/**
 * One entry of an incident's timeline. {@code body} is Markdown. The entries the incident writes itself carry
 * their {@code message} as data ({@link TimelineMessages} renders it in the reader's language); their {@code body}
 * is its English text, kept for readers of text alone. Entries written by people, and system entries written
 * before messages existed, have no message.
 */
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
        boolean pinned,
        TimelineMessage message) {}
