package dev.kintsugi.incident;

import dev.kintsugi.incident.persistence.IncidentRepository;
import dev.kintsugi.incident.persistence.TimelineRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Loading and saving the incident aggregate for the facade: found by key if the actor may see it, changed under
 * its version, saved with its timeline entries, an audit entry and its events.
 */
final class IncidentStore {
    private static final Pattern KEY = Pattern.compile("(?i)(?:INC-)?(\\d{1,12})");

    private final IncidentRepository incidents;
    private final TimelineRepository timelines;
    private final IncidentViews views;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TimelineMessages texts;
    private final Clock clock;

    IncidentStore(
            IncidentRepository incidents,
            TimelineRepository timelines,
            IncidentViews views,
            AuditLog audit,
            ApplicationEventPublisher events,
            TimelineMessages texts,
            Clock clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.views = views;
        this.audit = audit;
        this.events = events;
        this.texts = texts;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Change {
        void apply(Incident incident, String actor, Instant now);
    }

    IncidentView change(String key, Long expectedVersion, String action, Change change) {
        Incident incident = load(key);
        Versions.require(expectedVersion, incident.version(), incident.key());
        IncidentView before = views.view(incident);
        Instant now = clock.instant();
        change.apply(incident, Actor.current(), now);
        if (incident.pendingEntries().isEmpty() && incident.pendingEvents().isEmpty()) {
            return before;
        }
        return persist(incident, before, action, now);
    }

    /**
     * Saves the aggregate (guarded by its version: 409 when someone else saved it meanwhile), writes its timeline
     * entries, an audit entry, and publishes its events.
     */
    IncidentView persist(Incident incident, IncidentView before, String action, Instant now) {
        incidents.save(incident);
        List<String> bodies = new java.util.ArrayList<>();
        for (Incident.NewEntry e : incident.pendingEntries()) {
            String body = texts.english(e.message());
            bodies.add(body);
            long entryId = timelines.addEntry(
                    incident.id(),
                    e.occurredAt(),
                    now,
                    e.author(),
                    e.kind(),
                    Visibility.INTERNAL,
                    null,
                    body,
                    e.message());
            events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), entryId, e.kind(), now));
        }
        IncidentView after = views.view(incidents.findById(incident.id()).orElseThrow());
        String summary = bodies.isEmpty() ? action : String.join("; ", bodies);
        audit.record(
                action,
                "incident",
                after.key(),
                after.key() + ": " + summary,
                before == null ? null : IncidentViews.snapshot(before),
                IncidentViews.snapshot(after));
        incident.pendingEvents().forEach(events::publishEvent);
        return after;
    }

    /** The incident by key, if the current actor may see it (404 otherwise), told which teams own its services. */
    Incident load(String key) {
        Incident incident = incidents
                .findByNumber(number(key))
                .filter(IncidentStore::visible)
                .orElseThrow(() -> new NotFoundException("Incident", key));
        incident.ownedBy(views.owningTeams(incident.serviceIds()));
        return incident;
    }

    static boolean visible(Incident incident) {
        return incident.isVisibleTo(Actor.current(), Actor.hasRole(Role.ADMIN) || Actor.isSystem());
    }

    /** The number in "INC-12" (or "12"); 404 for anything else. */
    static long number(String key) {
        Matcher m = key == null ? null : KEY.matcher(key.trim());
        if (m == null || !m.matches()) {
            throw new NotFoundException("Incident", key);
        }
        return Long.parseLong(m.group(1));
    }
}
