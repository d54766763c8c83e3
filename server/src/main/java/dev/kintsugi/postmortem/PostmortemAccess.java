package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.persistence.PostmortemRepository;
import dev.kintsugi.postmortem.persistence.PostmortemRevisionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every post-mortem facade shares: who may see a post-mortem (private ones follow their incident's
 * visibility), loading and saving the {@link PostmortemReview} aggregate with its events, the ids its events
 * concern, and the view people read.
 */
@Component
class PostmortemAccess {
    private final PostmortemRepository repo;
    private final PostmortemRevisionRepository revisions;
    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    PostmortemAccess(
            PostmortemRepository repo,
            PostmortemRevisionRepository revisions,
            IncidentManagement incidents,
            CatalogManagement catalog,
            ApplicationEventPublisher events,
            JsonMapper json) {
        this.repo = repo;
        this.revisions = revisions;
        this.incidents = incidents;
        this.catalog = catalog;
        this.events = events;
        this.json = json;
    }

    /** The row, if the viewer may see it: private post-mortems follow their incident's visibility. */
    PostmortemRepository.Row visibleRow(long id) {
        PostmortemRepository.Row row =
                repo.find(id).orElseThrow(() -> new NotFoundException("Post-mortem", "PM-" + id));
        if (row.incidentId() != null) {
            try {
                incidents.get(row.incidentId());
            } catch (NotFoundException e) {
                throw new NotFoundException("Post-mortem", "PM-" + id);
            }
        } else if (row.privateReview() && !Actor.isSystem() && !Actor.hasRole(Role.ADMIN)) {
            String me = Actor.current();
            PostmortemContent c = repo.content(id, List.of());
            if (!c.participants().contains(me)
                    && !me.equals(c.facilitator())
                    && !me.equals(c.owner())
                    && !me.equals(row.createdBy())) {
                throw new NotFoundException("Post-mortem", "PM-" + id);
            }
        }
        return row;
    }

    /** The post-mortem as people read it, if they may. */
    Postmortem get(long id) {
        return view(visibleRow(id));
    }

    PostmortemContent content(long id) {
        return repo.content(id, serviceNames(id));
    }

    /** The aggregate, if the viewer may see it. */
    PostmortemReview load(long id) {
        PostmortemRepository.Row row = visibleRow(id);
        PostmortemContent content = content(id);
        return new PostmortemReview(
                row.id(),
                row.incidentId(),
                row.origin(),
                row.status(),
                content,
                row.revision(),
                row.publishedRevision(),
                row.publishedAt(),
                row.updatedAt(),
                refs(row.id(), row.incidentId(), repo.serviceIds(row.id())),
                row.version(),
                row.overrideReason(),
                row.noCountermeasureReason());
    }

    /** The ids a visible post-mortem's events carry. */
    PostmortemRefs refs(long id) {
        PostmortemRepository.Row row = visibleRow(id);
        return refs(row.id(), row.incidentId(), repo.serviceIds(row.id()));
    }

    /** The ids its events carry, for a system caller (not visibility-checked). */
    PostmortemRefs refsUnchecked(long id) {
        PostmortemRepository.Row row =
                repo.find(id).orElseThrow(() -> new NotFoundException("Post-mortem", "PM-" + id));
        return refs(row.id(), row.incidentId(), repo.serviceIds(row.id()));
    }

    /** The current viewer's read access for list queries; null when they may read everything. */
    ReadAccess readAccess() {
        if (Actor.isSystem() || Actor.hasRole(Role.ADMIN)) {
            return null;
        }
        return new ReadAccess(Actor.current(), incidents.privateIncidentsHiddenFromViewer());
    }

    /** The post-mortem's services and its incident's, and the teams owning them. */
    PostmortemRefs refs(long id, Long incidentId, List<Long> serviceIds) {
        List<Long> services = new ArrayList<>(serviceIds);
        if (incidentId != null) {
            incidents.get(incidentId).services().stream()
                    .map(IncidentView.ServiceRef::id)
                    .forEach(services::add);
        }
        List<Long> teams = catalog.servicesById(services).stream()
                .map(CatalogService::ownerTeamId)
                .toList();
        return new PostmortemRefs(id, incidentId, services, teams);
    }

    /**
     * Saves the aggregate (refused with 409 if someone else saved since it was loaded), stores a new revision when
     * its content changed, marks the published one, and publishes its events in this transaction.
     */
    void save(PostmortemReview r, String actor, Instant now) {
        List<Long> serviceIds = r.contentChanged() ? serviceIds(r.content().services()) : List.of();
        repo.save(r, serviceIds, now);
        if (r.contentChanged()) {
            revisions.insert(r.id(), r.revision(), actor, now, json.writeValueAsString(r.content()));
        }
        if (r.status() == PostmortemStatus.PUBLISHED && r.publishedRevision() != null) {
            revisions.markPublished(r.id(), r.publishedRevision());
        }
        r.pendingEvents().forEach(events::publishEvent);
    }

    List<Long> serviceIds(List<String> names) {
        return names.stream()
                .map(n -> catalog.findService(n)
                        .map(CatalogService::id)
                        .orElseThrow(() -> new dev.kintsugi.platform.InvalidInputException(
                                "services", "no service named '" + n + "'")))
                .toList();
    }

    private List<String> serviceNames(long id) {
        return catalog.servicesById(repo.serviceIds(id)).stream()
                .map(CatalogService::name)
                .toList();
    }

    Postmortem view(PostmortemRepository.Row row) {
        return view(row, content(row.id()), row.incidentId() == null ? null : incidents.get(row.incidentId()));
    }

    /** The view from what was read already: its content and its incident (null: none, or not found). */
    static Postmortem view(PostmortemRepository.Row row, PostmortemContent content, IncidentView incident) {
        String incidentKey = null;
        Postmortem.Durations durations = Postmortem.Durations.NONE;
        if (incident != null) {
            incidentKey = incident.key();
            durations = durations(incident);
        }
        return new Postmortem(
                row.id(),
                row.incidentId(),
                incidentKey,
                row.origin(),
                row.status(),
                row.privateReview(),
                content,
                row.revision(),
                row.publishedRevision(),
                row.createdBy(),
                row.createdAt(),
                row.updatedAt(),
                row.publishedAt(),
                durations,
                row.version(),
                row.overrideReason(),
                row.noCountermeasureReason());
    }

    /** The incident's own durations, plus the customer impact: from its start to mitigation, else resolution. */
    static Postmortem.Durations durations(IncidentView i) {
        return new Postmortem.Durations(
                i.timeToDetect(),
                i.timeToMitigate(),
                i.timeToResolve(),
                i.timeToMitigate() != null ? i.timeToMitigate() : i.timeToResolve());
    }
}
