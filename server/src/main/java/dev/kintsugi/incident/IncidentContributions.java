package dev.kintsugi.incident;

import dev.kintsugi.incident.persistence.IncidentListRepository;
import dev.kintsugi.incident.persistence.IncidentRepository;
import dev.kintsugi.incident.persistence.TimelineRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules tell an incident, and what they may ask of it: the seam for {@code alerting} (an alert
 * arrived on this incident) and {@code chaos} (an experiment is injecting a fault on one of its services). Entries
 * are system entries stored as a message code of the contributing module's bundle with typed arguments, rendered in
 * the reader's language like the incident's own. The incident module knows nothing of alerts or experiments.
 */
@Service
@Transactional
public class IncidentContributions {
    private static final Set<TimelineEntryKind> CONTRIBUTED =
            EnumSet.of(TimelineEntryKind.ALERT, TimelineEntryKind.EXPERIMENT);

    private final IncidentRepository incidents;
    private final TimelineRepository timelines;
    private final IncidentListRepository lists;
    private final TimelineMessages texts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentContributions(
            IncidentRepository incidents,
            TimelineRepository timelines,
            IncidentListRepository lists,
            TimelineMessages texts,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.lists = lists;
        this.texts = texts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds a system entry of kind {@link TimelineEntryKind#ALERT} or {@link TimelineEntryKind#EXPERIMENT} to the
     * incident's timeline, authored by the current actor (usually the system, see {@link Actor#runAsSystem}).
     * Publishes {@link TimelineEntryAdded}, which live pages follow.
     *
     * @param occurredAt when it happened (null: now)
     */
    public TimelineEntry record(String key, TimelineEntryKind kind, TimelineMessage message, Instant occurredAt) {
        if (!CONTRIBUTED.contains(kind)) {
            throw new IllegalArgumentException("other modules contribute ALERT or EXPERIMENT entries, not " + kind);
        }
        Incident incident = incidents
                .findByNumber(IncidentStore.number(key))
                .orElseThrow(() -> new NotFoundException("Incident", key));
        Instant now = clock.instant();
        Instant at = occurredAt == null ? now : occurredAt;
        String body = texts.english(message);
        long id = timelines.addEntry(
                incident.id(), at, now, Actor.current(), kind, Visibility.INTERNAL, null, body, message);
        audit.record(
                "incident.entry-contributed",
                "incident",
                incident.key(),
                incident.key() + ": " + body,
                null,
                Map.of("entryId", id, "kind", kind.name(), "code", message.code()));
        events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), id, kind, now));
        return timelines.entry(id).orElseThrow();
    }

    /**
     * Incidents not yet resolved on any of these services (every open incident when empty), private ones included,
     * most severe first.
     */
    @Transactional(readOnly = true)
    public List<OpenIncident> openOn(Collection<Long> serviceIds) {
        return lists.openOn(serviceIds);
    }
}
