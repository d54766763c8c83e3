package dev.kintsugi.incident;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.persistence.IncidentBulkRepository;
import dev.kintsugi.incident.persistence.IncidentListRepository;
import dev.kintsugi.incident.persistence.IncidentRepository;
import dev.kintsugi.incident.persistence.TimelineRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident module's entry point for changes. Every command loads the aggregate, lets it refuse or apply the
 * change, then saves the state, its timeline entries, an audit entry and its events in one transaction: a refused
 * request writes nothing. Commands taking an {@code expectedVersion} refuse with 412 when the incident has moved on
 * since the client read it (null: no expectation); two concurrent changes never overwrite one another (409). Reads are
 * answered with the help of {@link IncidentReads}.
 */
@Service
@Transactional
public class IncidentManagement {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 50_000;

    private final IncidentRepository incidents;
    private final TimelineRepository timelines;
    private final IncidentInput input;
    private final IncidentViews views;
    private final IncidentReads reads;
    private final IncidentNotes notes;
    private final ClosureCheck closing;

    private final Clock clock;
    private final IncidentStore store;
    private final IncidentBulkReads bulk;

    IncidentManagement(
            IncidentRepository incidents,
            TimelineRepository timelines,
            IncidentListRepository lists,
            IncidentBulkRepository bulk,
            CatalogManagement catalog,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            ObjectProvider<ClosurePolicy> closurePolicies,
            TimelineMessages texts,
            Clock clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.input = new IncidentInput(catalog, users);
        this.views = new IncidentViews(incidents, catalog);
        this.reads = new IncidentReads(lists, catalog, clock);
        this.notes = new IncidentNotes(incidents, timelines, audit, events, clock);
        this.closing = new ClosureCheck(closurePolicies, views);
        this.clock = clock;
        this.store = new IncidentStore(incidents, timelines, views, audit, events, texts, clock);
        this.bulk = new IncidentBulkReads(bulk, views);
    }

    // ---- commands ----

    public IncidentView declare(DeclareIncident cmd) {
        String actor = Actor.current();
        Instant now = clock.instant();
        String title = IncidentInput.title(cmd.title());
        String description = IncidentInput.text(cmd.description(), "description");
        if (cmd.severity() == null) {
            throw new InvalidInputException(
                    "severity",
                    "validation.oneOf",
                    "must be one of SEV1, SEV2, SEV3, SEV4, SEV5",
                    "SEV1, SEV2, SEV3, SEV4, SEV5");
        }
        Set<Long> services = input.serviceIds(cmd.services());
        IncidentInput.DeclarationTimes times = input.declarationTimes(cmd, now);
        String commander = cmd.commander() == null || cmd.commander().isBlank()
                ? null
                : input.requireResponder(cmd.commander(), "commander");
        // Everything is checked: only now is a number taken, in this transaction (a refusal leaves no gap).
        long number = incidents.allocateNumber();
        long id = incidents.insert(
                number,
                title,
                description,
                cmd.severity(),
                cmd.privateIncident(),
                actor,
                times.declaredAt(),
                times.declaredAt(),
                cmd.gameDayId());
        Incident incident = incidents.findById(id).orElseThrow();
        incident.declare(services, views.owningTeams(services), times.impactStartedAt(), times.detectedAt(), actor);
        if (commander != null) {
            incident.nameCommanderAtDeclaration(commander, actor);
        }
        return store.persist(incident, null, "incident.declared", now);
    }

    public IncidentView update(String key, UpdateIncident cmd) {
        return update(key, cmd, null);
    }

    public IncidentView update(String key, UpdateIncident cmd, Long expectedVersion) {
        return store.change(key, expectedVersion, "incident.updated", (incident, actor, now) -> {
            String title = cmd.title() == null ? null : IncidentInput.title(cmd.title());
            String description =
                    cmd.description() == null ? null : IncidentInput.limited(cmd.description(), "description");
            incident.edit(title, description, cmd.privateIncident(), actor, now);
            if (cmd.severity() != null) {
                incident.changeSeverity(cmd.severity(), actor, now);
            }
            if (cmd.services() != null) {
                Set<Long> ids = input.serviceIds(cmd.services());
                incident.replaceServices(ids, views.owningTeams(ids), views.serviceNames(ids), actor, now);
            }
        });
    }

    public IncidentView transition(String key, Transition t) {
        return transition(key, t, null);
    }

    public IncidentView transition(String key, Transition t, Long expectedVersion) {
        return store.change(key, expectedVersion, "incident.status-changed", (incident, actor, now) -> {
            if (t.to() == IncidentStatus.CLOSED
                    && t.closureReason() == ClosureReason.DUPLICATE
                    && t.duplicateOf() != null) {
                // duplicateOf arrives as an incident id from the aggregate's point of view
                incidents
                        .findById(t.duplicateOf())
                        .orElseThrow(() -> new InvalidInputException(
                                "duplicateOf", "incident.validation.noSuchIncident", "no such incident"));
            }
            closing.requireAllowed(incident, t);
            incident.transition(t, actor, now);
        });
    }

    /** Why closing for this reason would be refused right now, if it would (asks every {@link ClosurePolicy}). */
    @Transactional(readOnly = true)
    public Optional<ClosurePolicy.Refusal> closureRefusal(String key, ClosureReason reason) {
        return closing.refusal(views.view(store.load(key)), reason);
    }

    /** Resolves a "INC-12"-style reference for {@link Transition#duplicateOf()}. */
    @Transactional(readOnly = true)
    public long idOf(String key) {
        return incidents
                .idOfNumber(IncidentStore.number(key))
                .orElseThrow(() -> new NotFoundException("Incident", key));
    }

    public IncidentView assign(String key, IncidentRole role, String username) {
        return assign(key, role, username, null);
    }

    /** Gives a role to a responder (a VIEWER is refused with 400 naming {@code username}); null clears it. */
    public IncidentView assign(String key, IncidentRole role, String username, Long expectedVersion) {
        String user = username == null || username.isBlank() ? null : input.requireResponder(username, "username");
        return store.change(
                key,
                expectedVersion,
                "incident.role-assigned",
                (incident, actor, now) -> incident.assign(role, user, actor, now));
    }

    public IncidentView acknowledge(String key) {
        return acknowledge(key, null);
    }

    public IncidentView acknowledge(String key, Long expectedVersion) {
        return store.change(
                key,
                expectedVersion,
                "incident.acknowledged",
                (incident, actor, now) -> incident.acknowledge(actor, now));
    }

    public IncidentView join(String key, String username) {
        return join(key, username, null);
    }

    public IncidentView join(String key, String username, Long expectedVersion) {
        String user = input.requireUser(username, "username");
        return store.change(
                key,
                expectedVersion,
                "incident.participant-added",
                (incident, actor, now) -> incident.join(user, actor, now, true));
    }

    public IncidentView editMilestone(String key, Milestone milestone, Instant at) {
        return editMilestone(key, milestone, at, null);
    }

    public IncidentView editMilestone(String key, Milestone milestone, Instant at, Long expectedVersion) {
        if (milestone == null) {
            throw new InvalidInputException("milestone", "incident.validation.unknownMilestone", "unknown milestone");
        }
        return store.change(
                key,
                expectedVersion,
                "incident.milestone-edited",
                (incident, actor, now) -> incident.editMilestone(milestone, at, actor, now));
    }

    public TimelineEntry addNote(String key, NewNote note) {
        return notes.add(store.load(key), note);
    }

    public TimelineEntry pin(String key, long entryId, boolean pinned) {
        return notes.pin(store.load(key), entryId, pinned);
    }

    // ---- queries (see IncidentReads) ----

    @Transactional(readOnly = true)
    public IncidentView get(String key) {
        return views.view(store.load(key));
    }

    @Transactional(readOnly = true)
    public IncidentView get(long id) {
        return views.view(incidents
                .findById(id)
                .filter(IncidentStore::visible)
                .orElseThrow(() -> new NotFoundException("Incident", id)));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(String key) {
        return timelines.timeline(store.load(key).id());
    }

    @Transactional(readOnly = true)
    public PageResult<IncidentSummary> search(IncidentQuery q) {
        return reads.search(q);
    }

    /** The open incidents the current user is in (a role, joined, declared), newest first: "my incidents". */
    @Transactional(readOnly = true)
    public List<IncidentSummary> mine(int limit) {
        return reads.mine(limit);
    }

    @Transactional(readOnly = true)
    public Map<Severity, Long> openBySeverity() {
        return reads.openBySeverity();
    }

    /** Incidents declared per month for the last {@code months} months (oldest first), by severity. */
    @Transactional(readOnly = true)
    public List<MonthlyCount> monthlyCounts(int months, ZoneId zone) {
        return reads.monthlyCounts(months, zone);
    }

    /**
     * The private incidents the current viewer may not see (empty for admins and the system), so other modules
     * can filter their own lists by the incident module's rule without reading its tables.
     */
    @Transactional(readOnly = true)
    public Set<Long> privateIncidentsHiddenFromViewer() {
        return reads.privateIncidentsHiddenFromViewer();
    }

    /**
     * For index and read-model builders: up to {@code limit} (1 to 1000) incidents with an id above
     * {@code afterId}, ordered by id, whole (services, participants, roles, milestones). Page through all of them
     * with {@code afterId} = the last id of the previous page, starting at 0, until a page is empty. Each page costs
     * a constant number of queries. For the system only ({@code Actor.runAsSystem}): private incidents are
     * included, the caller applies privacy.
     */
    @Transactional(readOnly = true)
    public List<IncidentView> readAll(long afterId, int limit) {
        return bulk.readAll(afterId, limit);
    }

    /** Like {@link #readAll}: these incidents (at most 1000 ids; those that exist), ordered by id. System only. */
    @Transactional(readOnly = true)
    public List<IncidentView> readByIds(Collection<Long> ids) {
        return bulk.readByIds(ids);
    }

    /**
     * The timelines of these incidents (at most 1000 ids), each ordered as {@link #timeline(String)}, by incident
     * id (an empty list for one without entries or that does not exist), in one query. System only.
     */
    @Transactional(readOnly = true)
    public Map<Long, List<TimelineEntry>> timelines(Collection<Long> incidentIds) {
        return bulk.timelines(incidentIds);
    }

    @Transactional(readOnly = true)
    public long count() {
        return incidents.count();
    }
}
