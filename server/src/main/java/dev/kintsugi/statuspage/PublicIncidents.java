package dev.kintsugi.statuspage;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.statuspage.persistence.StatusPageRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incidents on the status page: their public updates (published by the incident's communications lead, or an
 * admin) and their public summary (also by the post-mortem's facilitator). Nothing reaches the page without a
 * person publishing it. Every change is audited and published as {@link StatusPageChanged}.
 */
@Service
@Transactional
public class PublicIncidents {
    private final StatusPageRepository repo;
    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PublicIncidents(
            StatusPageRepository repo,
            IncidentManagement incidents,
            PostmortemManagement postmortems,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The incident's public record, if it was published. Read as the viewer: a hidden incident is not found. */
    @Transactional(readOnly = true)
    public Optional<PublicIncident> publicIncident(String incidentKey) {
        return repo.incident(incidents.get(incidentKey).id());
    }

    @Transactional(readOnly = true)
    public List<PublicUpdate> updates(String incidentKey) {
        return repo.updatesOf(incidents.get(incidentKey).id());
    }

    /** True when the current user may publish for this incident: its communications lead, or an admin. */
    @Transactional(readOnly = true)
    public boolean mayPublish(IncidentView incident) {
        return Actor.hasRole(Role.ADMIN)
                || (Actor.hasRole(Role.RESPONDER)
                        && Objects.equals(incident.role(IncidentRole.COMMUNICATIONS), Actor.current()));
    }

    /**
     * True when the current user may write the incident's public summary: whoever may publish, and the facilitator
     * of its post-mortem (a responder), who writes it for customers from the post-mortem page.
     */
    @Transactional(readOnly = true)
    public boolean maySummarise(IncidentView incident) {
        return mayPublish(incident)
                || (Actor.hasRole(Role.RESPONDER)
                        && postmortems
                                .findForIncident(incident.id())
                                .map(pm -> Objects.equals(pm.content().facilitator(), Actor.current()))
                                .orElse(false));
    }

    /**
     * Publishes a public update. The first one publishes the incident, under {@code title} (required then; later
     * a non-blank title renames it). With {@code templated}, the text is the status's template in each reader's
     * language and {@code body} is ignored. A private incident is never published.
     */
    public PublicUpdate publish(String incidentKey, UpdateStatus status, String title, String body, boolean templated) {
        IncidentView incident = incidents.get(incidentKey);
        requirePublisher(incident);
        if (incident.privateIncident()) {
            throw new ConflictException(
                    "statuspage.conflict.private",
                    "a private incident is never shown on the status page",
                    Map.of("incident", incident.key()));
        }
        if (status == null) {
            throw new InvalidInputException("status", "statuspage.validation.status", "is required");
        }
        String text = templated ? "" : StatusPage.required(body, "body", StatusPage.MAX_BODY);
        String newTitle = StatusPage.optional(title, "title", StatusPage.MAX_TITLE);
        Instant now = clock.instant();
        Optional<PublicIncident> before = repo.incident(incident.id());
        if (before.isEmpty()) {
            if (newTitle == null) {
                throw new InvalidInputException(
                        "title", "statuspage.validation.titleFirst", "is required for the first public update");
            }
            try {
                repo.insertIncident(incident.id(), newTitle, now);
            } catch (DuplicateKeyException e) {
                throw StatusPage.raced();
            }
        } else if (newTitle != null && !newTitle.equals(before.get().title())) {
            PublicIncident b = before.get();
            if (!repo.updateIncident(incident.id(), newTitle, b.summary(), b.version())) {
                throw StatusPage.raced();
            }
        }
        long id = repo.insertUpdate(incident.id(), status, text, templated, now, Actor.current());
        PublicUpdate update = new PublicUpdate(id, incident.id(), status, text, templated, now);
        audit.record(
                "statuspage.update.published",
                "incident",
                incident.key(),
                "Public update (" + status.json() + ")",
                null,
                update);
        events.publishEvent(new StatusPageChanged("update", incident.id(), id, serviceIds(incident)));
        return update;
    }

    /**
     * Sets the public summary customers read once the incident is over (blank clears it): the communications lead,
     * an admin or the post-mortem's facilitator.
     */
    public PublicIncident summarise(String incidentKey, String summary, Long expectedVersion) {
        IncidentView incident = incidents.get(incidentKey);
        if (!maySummarise(incident)) {
            throw new AccessDeniedException(
                    "the public summary is for the post-mortem's facilitator, the communications lead or an admin");
        }
        PublicIncident b = repo.incident(incident.id())
                .orElseThrow(() -> new ConflictException(
                        "statuspage.conflict.notPublished",
                        "publish a first public update before the public summary",
                        Map.of("incident", incident.key())));
        Versions.require(expectedVersion, b.version(), "public summary of " + incident.key());
        String text = StatusPage.optional(summary, "summary", StatusPage.MAX_SUMMARY);
        if (!repo.updateIncident(incident.id(), b.title(), text, b.version())) {
            throw StatusPage.raced();
        }
        PublicIncident after = repo.incident(incident.id()).orElseThrow();
        audit.record("statuspage.summary.changed", "incident", incident.key(), "Public summary", b, after);
        events.publishEvent(new StatusPageChanged("summary", incident.id(), null, serviceIds(incident)));
        return after;
    }

    private static Set<Long> serviceIds(IncidentView incident) {
        return incident.services().stream().map(IncidentView.ServiceRef::id).collect(Collectors.toSet());
    }

    private void requirePublisher(IncidentView incident) {
        if (!mayPublish(incident)) {
            throw new AccessDeniedException("public updates are for the incident's communications lead or an admin");
        }
    }
}
