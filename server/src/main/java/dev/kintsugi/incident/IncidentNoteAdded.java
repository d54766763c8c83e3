package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/**
 * A person wrote on an incident's timeline: a note or a status update ({@code kind}), internal or public
 * ({@code visibility}). {@code body} is Markdown.
 */
public record IncidentNoteAdded(
        long incidentId,
        String key,
        long entryId,
        TimelineEntryKind kind,
        Visibility visibility,
        String author,
        String perspective,
        String body,
        Instant occurredAt,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {}
