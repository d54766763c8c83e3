package dev.kintsugi.incident;

import java.time.Instant;

/**
 * A hand-written timeline entry: a {@link TimelineEntryKind#NOTE} or a {@link TimelineEntryKind#STATUS_UPDATE}
 * (internal or public). {@code occurredAt} defaults to now; {@code perspective} says from whose point of view.
 */
public record NewNote(
        TimelineEntryKind kind, String body, Instant occurredAt, String perspective, Visibility visibility) {}
