package dev.kintsugi.incident;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.persistence.IncidentRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident module's entry point. Every command loads the aggregate, lets it refuse or apply the change,
 * then saves the state, its timeline entries, an audit entry and its events in one transaction: a refused
 * request writes nothing.
 */
@Service
@Transactional
public class IncidentManagement {
    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 50_000;
    private static final Pattern KEY = Pattern.compile("(?i)(?:INC-)?(\\d{1,12})");

    private final IncidentRepository incidents;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    /** Looked up when closing, not at start-up: policies belong to modules that themselves use this facade. */
    private final ObjectProvider<ClosurePolicy> closurePolicies;

    private final Clock clock;

    IncidentManagement(
            IncidentRepository incidents,
            CatalogManagement catalog,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            ObjectProvider<ClosurePolicy> closurePolicies,
            Clock clock) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.closurePolicies = closurePolicies;
        this.clock = clock;
    }

    // ---- commands ----

    public IncidentView declare(DeclareIncident cmd) {
        String actor = Actor.current();
        Instant now = clock.instant();
        String title = title(cmd.title());
        String description = text(cmd.description(), "description");
        if (cmd.severity() == null) {
            throw new InvalidInputException("severity", "must be one of SEV1, SEV2, SEV3, SEV4, SEV5");
        }
        Set<Long> services = serviceIds(cmd.services());
        Instant declaredAt = cmd.declaredAt() == null ? now : cmd.declaredAt();
        if (declaredAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("declaredAt", "cannot be in the future");
        }
        Instant detectedAt = cmd.detectedAt() == null ? declaredAt : cmd.detectedAt();
        if (detectedAt.isAfter(declaredAt.plusSeconds(60))) {
            throw new InvalidInputException("detectedAt", "cannot be after the declaration (or in the future)");
        }
        if (cmd.impactStartedAt() != null && cmd.impactStartedAt().isAfter(detectedAt)) {
            throw new InvalidInputException("impactStartedAt", "impact cannot start after it was detected");
        }
        if (cmd.commander() != null && !cmd.commander().isBlank()) {
            requireUser(cmd.commander(), "commander");
        }
        long number = incidents.nextNumber();
        long id = incidents.insert(
                number, title, description, cmd.severity(), cmd.privateIncident(), actor, declaredAt, declaredAt);
        Incident incident = incidents.findById(id).orElseThrow();
        incident.replaceServices(services, List.of(), actor, declaredAt);
        if (cmd.impactStartedAt() != null) {
            incident.editMilestone(Milestone.IMPACT_STARTED, cmd.impactStartedAt(), actor, declaredAt);
        }
        incident.editMilestone(Milestone.DETECTED, detectedAt, actor, declaredAt);
        if (!Actor.SYSTEM.equals(actor)) {
            incident.join(actor, actor, declaredAt, false);
        }
        if (cmd.commander() != null && !cmd.commander().isBlank()) {
            incident.assign(IncidentRole.COMMANDER, cmd.commander().trim().toLowerCase(Locale.ROOT), actor, declaredAt);
        }
        incidents.save(incident);
        long entry = incidents.addEntry(
                id,
                declaredAt,
                now,
                actor,
                TimelineEntryKind.DECLARED,
                Visibility.INTERNAL,
                null,
                "Declared " + incident.key() + " (" + cmd.severity() + "): " + title);
        // The declaration's own bookkeeping (services, detected, commander) is implied by the declared entry.
        for (Incident.NewEntry e : incident.pendingEntries()) {
            if (e.kind() == TimelineEntryKind.ROLE_CHANGE) {
                incidents.addEntry(id, e.occurredAt(), now, e.author(), e.kind(), Visibility.INTERNAL, null, e.body());
            }
        }
        IncidentView view = view(incidents.findById(id).orElseThrow());
        audit.record(
                "incident.declared",
                "incident",
                view.key(),
                "Declared " + view.key() + ": " + title,
                null,
                snapshot(view));
        events.publishEvent(new IncidentDeclared(id, view.key(), view.severity(), title, declaredAt));
        events.publishEvent(new TimelineEntryAdded(id, view.key(), entry, TimelineEntryKind.DECLARED, now));
        return view;
    }

    public IncidentView update(String key, UpdateIncident cmd) {
        return change(key, "incident.updated", (incident, actor, now) -> {
            String title = cmd.title() == null ? null : title(cmd.title());
            String description = cmd.description() == null ? null : nonNullText(cmd.description());
            incident.edit(title, description, cmd.privateIncident(), actor, now);
            if (cmd.severity() != null) {
                incident.changeSeverity(cmd.severity(), actor, now);
            }
            if (cmd.services() != null) {
                Set<Long> ids = serviceIds(cmd.services());
                List<String> names = catalog.servicesById(ids).stream()
                        .map(CatalogService::name)
                        .toList();
                incident.replaceServices(ids, names, actor, now);
            }
        });
    }

    public IncidentView transition(String key, Transition t) {
        return change(key, "incident.status-changed", (incident, actor, now) -> {
            if (t.to() == IncidentStatus.CLOSED
                    && t.closureReason() == ClosureReason.DUPLICATE
                    && t.duplicateOf() != null) {
                // duplicateOf arrives as an incident id from the aggregate's point of view
                incidents
                        .findById(t.duplicateOf())
                        .orElseThrow(() -> new InvalidInputException("duplicateOf", "no such incident"));
            }
            if (t.to() == IncidentStatus.CLOSED
                    && incident.status().canMoveTo(IncidentStatus.CLOSED)
                    && t.closureReason() != null) {
                var refusal = refusal(view(incident), t.closureReason());
                if (refusal.isPresent()) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    props.put("currentStatus", incident.status().name());
                    if (refusal.get().link() != null) {
                        props.put("link", refusal.get().link());
                    }
                    throw new ConflictException(refusal.get().message(), props);
                }
            }
            incident.transition(t, actor, now);
        });
    }

    /** Why closing for this reason would be refused right now, if it would (asks every {@link ClosurePolicy}). */
    @Transactional(readOnly = true)
    public java.util.Optional<ClosurePolicy.Refusal> closureRefusal(String key, ClosureReason reason) {
        return refusal(view(load(key)), reason);
    }

    private java.util.Optional<ClosurePolicy.Refusal> refusal(IncidentView incident, ClosureReason reason) {
        for (ClosurePolicy policy : closurePolicies.orderedStream().toList()) {
            var refusal = policy.check(incident, reason);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return java.util.Optional.empty();
    }

    /** Resolves a "INC-12"-style reference for {@link Transition#duplicateOf()}. */
    public long idOf(String key) {
        return incidents.idOfNumber(number(key)).orElseThrow(() -> new NotFoundException("Incident", key));
    }

    public IncidentView assign(String key, IncidentRole role, String username) {
        String user = username == null || username.isBlank() ? null : requireUser(username, "username");
        return change(key, "incident.role-assigned", (incident, actor, now) -> incident.assign(role, user, actor, now));
    }

    public IncidentView acknowledge(String key) {
        return change(key, "incident.acknowledged", (incident, actor, now) -> incident.acknowledge(actor, now));
    }

    public IncidentView join(String key, String username) {
        String user = requireUser(username, "username");
        return change(
                key, "incident.participant-added", (incident, actor, now) -> incident.join(user, actor, now, true));
    }

    public IncidentView editMilestone(String key, Milestone milestone, Instant at) {
        if (milestone == null) {
            throw new InvalidInputException("milestone", "unknown milestone");
        }
        return change(
                key,
                "incident.milestone-edited",
                (incident, actor, now) -> incident.editMilestone(milestone, at, actor, now));
    }

    public TimelineEntry addNote(String key, NewNote note) {
        Incident incident = load(key);
        String actor = Actor.current();
        Instant now = clock.instant();
        TimelineEntryKind kind = note.kind() == null ? TimelineEntryKind.NOTE : note.kind();
        if (kind != TimelineEntryKind.NOTE && kind != TimelineEntryKind.STATUS_UPDATE) {
            throw new InvalidInputException("kind", "only NOTE and STATUS_UPDATE entries are written by hand");
        }
        String body = note.body() == null ? "" : note.body().trim();
        if (body.isEmpty()) {
            throw new InvalidInputException("body", "must not be blank");
        }
        if (body.length() > MAX_TEXT) {
            throw new InvalidInputException("body", "must be at most " + MAX_TEXT + " characters");
        }
        String perspective = note.perspective() == null || note.perspective().isBlank()
                ? null
                : note.perspective().trim();
        if (perspective != null && perspective.length() > 128) {
            throw new InvalidInputException("perspective", "must be at most 128 characters");
        }
        Instant occurredAt = note.occurredAt() == null ? now : note.occurredAt();
        if (occurredAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("occurredAt", "cannot be in the future");
        }
        Visibility visibility = kind == TimelineEntryKind.STATUS_UPDATE && note.visibility() != null
                ? note.visibility()
                : Visibility.INTERNAL;
        if (!Actor.SYSTEM.equals(actor) && !incident.participants().contains(actor)) {
            incident.join(actor, actor, now, false);
            incidents.save(incident);
        }
        long id = incidents.addEntry(incident.id(), occurredAt, now, actor, kind, visibility, perspective, body);
        TimelineEntry entry = incidents.entry(id).orElseThrow();
        audit.record(
                kind == TimelineEntryKind.NOTE ? "incident.note-added" : "incident.status-update-posted",
                "incident",
                incident.key(),
                (kind == TimelineEntryKind.NOTE ? "Note on " : "Status update (" + visibility + ") on ")
                        + incident.key(),
                null,
                Map.of("entryId", id, "body", body));
        events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), id, kind, now));
        return entry;
    }

    public TimelineEntry pin(String key, long entryId, boolean pinned) {
        Incident incident = load(key);
        TimelineEntry entry = incidents
                .entry(entryId)
                .filter(e -> e.incidentId() == incident.id())
                .orElseThrow(() -> new NotFoundException("Timeline entry", entryId));
        if (entry.pinned() != pinned) {
            incidents.setPinned(entryId, pinned);
            audit.record(
                    pinned ? "incident.entry-pinned" : "incident.entry-unpinned",
                    "incident",
                    incident.key(),
                    (pinned ? "Pinned" : "Unpinned") + " entry " + entryId + " of " + incident.key(),
                    Map.of("pinned", entry.pinned()),
                    Map.of("pinned", pinned));
            events.publishEvent(
                    new TimelineEntryAdded(incident.id(), incident.key(), entryId, entry.kind(), clock.instant()));
        }
        return incidents.entry(entryId).orElseThrow();
    }

    // ---- queries ----

    @Transactional(readOnly = true)
    public IncidentView get(String key) {
        return view(load(key));
    }

    @Transactional(readOnly = true)
    public IncidentView get(long id) {
        Incident incident =
                incidents.findById(id).filter(this::visible).orElseThrow(() -> new NotFoundException("Incident", id));
        return view(incident);
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(String key) {
        return incidents.timeline(load(key).id());
    }

    @Transactional(readOnly = true)
    public PageResult<IncidentSummary> search(IncidentQuery q) {
        List<Long> serviceFilter = null;
        if (q.service() != null && !q.service().isBlank()) {
            serviceFilter =
                    catalog.findService(q.service()).map(s -> List.of(s.id())).orElse(List.of());
        }
        if (q.team() != null && !q.team().isBlank()) {
            List<Long> ofTeam = catalog.findTeam(q.team())
                    .map(t -> catalog.servicesOwnedBy(t.id()).stream()
                            .map(CatalogService::id)
                            .toList())
                    .orElse(List.of());
            serviceFilter = serviceFilter == null
                    ? ofTeam
                    : serviceFilter.stream().filter(ofTeam::contains).toList();
        }
        int size = PageResult.clampSize(q.size(), 25);
        PageResult<IncidentSummary> page = incidents.search(
                q.statuses(),
                q.severities(),
                serviceFilter,
                q.text(),
                Actor.current(),
                Actor.hasRole(Role.ADMIN),
                Math.max(0, q.page()),
                size);
        Map<Long, List<Long>> services = incidents.serviceIdsOf(
                page.items().stream().map(IncidentSummary::id).toList());
        Map<Long, String> names = new HashMap<>();
        catalog.servicesById(services.values().stream().flatMap(List::stream).toList())
                .forEach(s -> names.put(s.id(), s.name()));
        return page.map(s -> new IncidentSummary(
                s.id(),
                s.key(),
                s.title(),
                s.severity(),
                s.status(),
                s.privateIncident(),
                s.commander(),
                s.declaredAt(),
                s.resolvedAt(),
                services.getOrDefault(s.id(), List.of()).stream()
                        .map(names::get)
                        .filter(n -> n != null)
                        .toList()));
    }

    @Transactional(readOnly = true)
    public Map<Severity, Long> openBySeverity() {
        return incidents.openBySeverity(Actor.current(), Actor.hasRole(Role.ADMIN));
    }

    /** Incidents declared per month for the last {@code months} months (oldest first), by severity. */
    @Transactional(readOnly = true)
    public List<MonthlyCount> monthlyCounts(int months, java.time.ZoneId zone) {
        java.time.YearMonth current = java.time.YearMonth.from(clock.instant().atZone(zone));
        java.time.YearMonth first = current.minusMonths(months - 1L);
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        Map<java.time.YearMonth, Map<Severity, Integer>> counts = new LinkedHashMap<>();
        for (int i = 0; i < months; i++) {
            counts.put(first.plusMonths(i), new java.util.EnumMap<>(Severity.class));
        }
        for (var e : incidents.declaredSince(from)) {
            var month = java.time.YearMonth.from(e.getKey().atZone(zone));
            var bySeverity = counts.get(month);
            if (bySeverity != null) {
                bySeverity.merge(e.getValue(), 1, Integer::sum);
            }
        }
        List<MonthlyCount> result = new ArrayList<>();
        counts.forEach((month, bySeverity) -> result.add(new MonthlyCount(month, bySeverity)));
        return result;
    }

    /** Incidents declared in one month, per severity. */
    public record MonthlyCount(java.time.YearMonth month, Map<Severity, Integer> bySeverity) {
        public int total() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int count(Severity s) {
            return bySeverity.getOrDefault(s, 0);
        }
    }

    /**
     * The private incidents the current viewer may not see (empty for admins and background work), so other
     * modules can filter their own lists by the incident module's rule without reading its tables.
     */
    @Transactional(readOnly = true)
    public java.util.Set<Long> privateIncidentsHiddenFromViewer() {
        if (Actor.authenticated().isEmpty() || Actor.hasRole(Role.ADMIN)) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(incidents.privateIdsHiddenFrom(Actor.current()));
    }

    @Transactional(readOnly = true)
    public long count() {
        return incidents.count();
    }

    // ---- internals ----

    @FunctionalInterface
    private interface Change {
        void apply(Incident incident, String actor, Instant now);
    }

    private IncidentView change(String key, String action, Change change) {
        Incident incident = load(key);
        IncidentView before = view(incident);
        String actor = Actor.current();
        Instant now = clock.instant();
        change.apply(incident, actor, now);
        if (incident.pendingEntries().isEmpty() && incident.pendingEvents().isEmpty()) {
            return before;
        }
        incidents.save(incident);
        for (Incident.NewEntry e : incident.pendingEntries()) {
            long entryId = incidents.addEntry(
                    incident.id(), e.occurredAt(), now, e.author(), e.kind(), Visibility.INTERNAL, null, e.body());
            events.publishEvent(new TimelineEntryAdded(incident.id(), incident.key(), entryId, e.kind(), now));
        }
        IncidentView after = view(incidents.findById(incident.id()).orElseThrow());
        String summary = incident.pendingEntries().stream()
                .map(Incident.NewEntry::body)
                .reduce((a, b) -> a + "; " + b)
                .orElse(action);
        audit.record(action, "incident", after.key(), after.key() + ": " + summary, snapshot(before), snapshot(after));
        incident.pendingEvents().forEach(events::publishEvent);
        return after;
    }

    private Incident load(String key) {
        return incidents
                .findByNumber(number(key))
                .filter(this::visible)
                .orElseThrow(() -> new NotFoundException("Incident", key));
    }

    private boolean visible(Incident incident) {
        return incident.isVisibleTo(
                Actor.current(),
                Actor.hasRole(Role.ADMIN) || Actor.authenticated().isEmpty());
    }

    private static long number(String key) {
        Matcher m = key == null ? null : KEY.matcher(key.trim());
        if (m == null || !m.matches()) {
            throw new NotFoundException("Incident", key);
        }
        return Long.parseLong(m.group(1));
    }

    private IncidentView view(Incident i) {
        List<IncidentView.ServiceRef> services = catalog.servicesById(i.serviceIds()).stream()
                .map(s -> new IncidentView.ServiceRef(
                        s.id(), s.name(), s.displayName(), s.ownerTeamId(), s.ownerTeamName()))
                .toList();
        String duplicateOf = i.duplicateOf() == null
                ? null
                : incidents.numberOf(i.duplicateOf()).map(Incident::key).orElse(null);
        return new IncidentView(
                i.id(),
                i.key(),
                i.number(),
                i.title(),
                i.description(),
                i.severity(),
                i.status(),
                i.isPrivate(),
                i.closureReason(),
                duplicateOf,
                i.roles(),
                i.milestones(),
                services,
                i.participants(),
                i.declaredBy(),
                i.updatedAt());
    }

    private static Map<String, Object> snapshot(IncidentView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", v.title());
        m.put("severity", v.severity());
        m.put("status", v.status());
        m.put("private", v.privateIncident());
        m.put("closureReason", v.closureReason());
        m.put("roles", v.roles());
        m.put("milestones", v.milestones());
        m.put(
                "services",
                v.services().stream().map(IncidentView.ServiceRef::name).toList());
        return m;
    }

    private Set<Long> serviceIds(List<String> names) {
        Set<Long> ids = new LinkedHashSet<>();
        if (names == null) {
            return ids;
        }
        for (String name : names) {
            CatalogService s = catalog.findService(name)
                    .orElseThrow(() -> new InvalidInputException("services", "no service named '" + name + "'"));
            ids.add(s.id());
        }
        return ids;
    }

    private String requireUser(String username, String field) {
        String u = username.trim().toLowerCase(Locale.ROOT);
        if (!users.find(u).map(a -> a.enabled()).orElse(false)) {
            throw new InvalidInputException(field, "no active user named '" + username + "'");
        }
        return u;
    }

    private static String title(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "must not be blank");
        }
        String t = title.trim();
        if (t.length() > MAX_TITLE) {
            throw new InvalidInputException("title", "must be at most " + MAX_TITLE + " characters");
        }
        return t;
    }

    private static String text(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(field, "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static String nonNullText(String text) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("description", "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
