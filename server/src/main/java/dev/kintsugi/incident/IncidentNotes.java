package dev.kintsugi.incident;

import dev.kintsugi.incident.persistence.IncidentRepository;
import dev.kintsugi.incident.persistence.TimelineRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;

/** What people write on an incident's timeline (notes, status updates) and the key events they pin. */
final class IncidentNotes {
    private final IncidentRepository incidents;
    private final TimelineRepository timelines;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentNotes(
            IncidentRepository incidents,
            TimelineRepository timelines,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    TimelineEntry add(Incident incident, NewNote note) {
        String actor = Actor.current();
        Instant now = clock.instant();
        TimelineEntryKind kind = note.kind() == null ? TimelineEntryKind.NOTE : note.kind();
        if (kind != TimelineEntryKind.NOTE && kind != TimelineEntryKind.STATUS_UPDATE) {
            throw new InvalidInputException(
                    "kind", "incident.validation.handKind", "only NOTE and STATUS_UPDATE entries are written by hand");
        }
        String body = note.body() == null ? "" : note.body().trim();
        if (body.isEmpty()) {
            throw new InvalidInputException("body", "validation.blank", "must not be blank");
        }
        IncidentInput.limited(body, "body");
        String perspective = note.perspective() == null || note.perspective().isBlank()
                ? null
                : note.perspective().trim();
        if (perspective != null && perspective.length() > 128) {
            throw new InvalidInputException("perspective", "validation.tooLong", "must be at most 128 characters", 128);
        }
        Instant occurredAt = note.occurredAt() == null ? now : note.occurredAt();
        if (occurredAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("occurredAt", "validation.future", "cannot be in the future");
        }
        Visibility visibility = kind == TimelineEntryKind.STATUS_UPDATE && note.visibility() != null
                ? note.visibility()
                : Visibility.INTERNAL;
        if (!Actor.isSystem()) {
            incident.join(actor, actor, now, false);
        }
        if (!incident.pendingEvents().isEmpty()) {
            incidents.save(incident);
        }
        long id = timelines.addEntry(incident.id(), occurredAt, now, actor, kind, visibility, perspective, body);
        TimelineEntry entry = timelines.entry(id).orElseThrow();
        audit.record(
                kind == TimelineEntryKind.NOTE ? "incident.note-added" : "incident.status-update-posted",
                "incident",
                incident.key(),
                (kind == TimelineEntryKind.NOTE ? "Note on " : "Status update (" + visibility + ") on ")
                        + incident.key(),
                null,
                Map.of("entryId", id, "body", body));
        incident.pendingEvents().forEach(events::publishEvent);
        events.publishEvent(new IncidentNoteAdded(
                incident.id(),
                incident.key(),
                id,
                kind,
                visibility,
                actor,
                perspective,
                body,
                occurredAt,
                incident.serviceIds(),
                incident.teamIds()));
        events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), id, kind, now));
        return entry;
    }

    TimelineEntry pin(Incident incident, long entryId, boolean pinned) {
        TimelineEntry entry = timelines
                .entry(entryId)
                .filter(e -> e.incidentId() == incident.id())
                .orElseThrow(() -> new NotFoundException("Timeline entry", entryId));
        if (entry.pinned() != pinned) {
            Instant now = clock.instant();
            timelines.setPinned(entryId, pinned);
            audit.record(
                    pinned ? "incident.entry-pinned" : "incident.entry-unpinned",
                    "incident",
                    incident.key(),
                    (pinned ? "Pinned" : "Unpinned") + " entry " + entryId + " of " + incident.key(),
                    Map.of("pinned", entry.pinned()),
                    Map.of("pinned", pinned));
            events.publishEvent(new IncidentEntryPinned(
                    incident.id(), incident.key(), entryId, pinned, now, incident.serviceIds(), incident.teamIds()));
            events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), entryId, entry.kind(), now));
        }
        return timelines.entry(entryId).orElseThrow();
    }
}
