package dev.kintsugi.postmortem;

import static dev.kintsugi.postmortem.PostmortemInput.MAX_TEXT;
import static dev.kintsugi.postmortem.PostmortemInput.blank;
import static dev.kintsugi.postmortem.PostmortemInput.optional;
import static dev.kintsugi.postmortem.PostmortemInput.required;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.persistence.CountermeasureRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Countermeasures of post-mortems: created, edited and moved through their statuses by responders, listed
 * organisation-wide with filters. The rules are the {@link Countermeasure} aggregate's; this facade checks input
 * at the boundary (people and teams exist, texts fit), loads, saves (refusing concurrent writes: 409, stale
 * {@code If-Match}: 412), audits and publishes the events. A countermeasure is visible to whoever may see its
 * post-mortem.
 */
@Service
@Transactional
public class Countermeasures {
    private final CountermeasureRepository repo;
    private final PostmortemAccess postmortems;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final TryHarderCheck tryHarder;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Countermeasures(
            CountermeasureRepository repo,
            PostmortemAccess postmortems,
            CatalogManagement catalog,
            UserManagement users,
            TryHarderCheck tryHarder,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.postmortems = postmortems;
        this.catalog = catalog;
        this.users = users;
        this.tryHarder = tryHarder;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public CountermeasureView create(long postmortemId, CountermeasureDraft draft) {
        PostmortemRefs refs = postmortems.refs(postmortemId);
        CountermeasureDraft d = Countermeasure.propose(normalise(draft), tryHarder);
        String actor = Actor.current();
        Instant now = clock.instant();
        long id = repo.insert(d, CountermeasureStatus.OPEN, postmortemId, actor, now);
        Countermeasure created = Countermeasure.created(id, postmortemId, d, refs.withTeam(teamId(d)), actor, now);
        CountermeasureView view = find(id);
        audit.record(
                "countermeasure.created",
                "countermeasure",
                created.key(),
                "Countermeasure " + created.key() + " on PM-" + postmortemId + ": " + d.title(),
                null,
                view);
        created.pendingEvents().forEach(events::publishEvent);
        return view;
    }

    /** Replaces what people wrote (not the status: see {@link #changeStatus}). */
    public CountermeasureView update(long id, CountermeasureDraft draft) {
        CountermeasureView before = get(id);
        return apply(id, null, c -> c.edit(normalise(draft), tryHarder, Actor.current(), clock.instant()), before);
    }

    /**
     * A partial edit and/or a status change as one unit. {@code expectedVersion} (from {@code If-Match}) answers
     * 412 if the countermeasure changed since the client read it; a concurrent write answers 409.
     */
    public CountermeasureView change(long id, Long expectedVersion, CountermeasureChange change) {
        CountermeasureView before = get(id);
        return apply(
                id,
                expectedVersion,
                c -> {
                    if (change.editsDetails()) {
                        c.edit(normalise(change.applyTo(c.details())), tryHarder, Actor.current(), clock.instant());
                    }
                    if (change.status() != null) {
                        c.moveTo(change.status(), change.reason(), Actor.current(), clock.instant());
                    }
                },
                before);
    }

    public CountermeasureView changeStatus(long id, CountermeasureStatus status, String reason) {
        return changeStatus(id, null, status, reason);
    }

    /** Moves to any status; {@code WONT_DO} needs a reason of 10+ characters, {@code DONE} records when. */
    public CountermeasureView changeStatus(long id, Long expectedVersion, CountermeasureStatus status, String reason) {
        CountermeasureView before = get(id);
        return apply(id, expectedVersion, c -> c.moveTo(status, reason, Actor.current(), clock.instant()), before);
    }

    /**
     * For the chaos module: a passing run of the rehearsal's experiment proves the countermeasure. Not
     * visibility-checked (called by the system).
     */
    public CountermeasureView markVerified(long id, Instant at) {
        CountermeasureView before = find(id);
        return apply(id, null, c -> c.verify(at), before);
    }

    @FunctionalInterface
    private interface Change {
        void apply(Countermeasure c);
    }

    private CountermeasureView apply(long id, Long expectedVersion, Change change, CountermeasureView before) {
        Countermeasure c = Countermeasure.of(before, refs(before));
        Versions.require(expectedVersion, c.version(), c.key());
        change.apply(c);
        if (c.pendingEvents().isEmpty()) {
            return before;
        }
        repo.save(c, clock.instant());
        CountermeasureView after = find(id);
        for (Object e : c.pendingEvents()) {
            audit(e, before, after);
            events.publishEvent(e);
        }
        return after;
    }

    private void audit(Object event, CountermeasureView before, CountermeasureView after) {
        String key = "CM-" + after.id();
        switch (event) {
            case CountermeasureUpdated u ->
                audit.record("countermeasure.edited", "countermeasure", key, "Edited " + key, before, after);
            case CountermeasureStatusChanged s ->
                audit.record(
                        "countermeasure.status-changed",
                        "countermeasure",
                        key,
                        key + ": " + s.from() + " → " + s.to() + (s.reason() == null ? "" : " (" + s.reason() + ")"),
                        Map.of("status", s.from()),
                        s.reason() == null ? Map.of("status", s.to()) : Map.of("status", s.to(), "reason", s.reason()));
            case CountermeasureVerified v ->
                audit.record(
                        "countermeasure.verified",
                        "countermeasure",
                        key,
                        key + " verified by a passing experiment run",
                        Map.of("verifiedAt", String.valueOf(before.verifiedAt())),
                        Map.of("verifiedAt", v.verifiedAt().toString()));
            default -> {}
        }
    }

    @Transactional(readOnly = true)
    public CountermeasureView get(long id) {
        CountermeasureView c = find(id);
        try {
            postmortems.visibleRow(c.postmortemId());
        } catch (NotFoundException e) {
            throw new NotFoundException("Countermeasure", id);
        }
        return c;
    }

    @Transactional(readOnly = true)
    public PageResult<CountermeasureView> list(CountermeasureFilter f, int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "validation.notNegative", "must be 0 or more");
        }
        if (f.postmortemId() != null) {
            postmortems.visibleRow(f.postmortemId());
        }
        String team = blank(f.team()) ? null : f.team().trim().toLowerCase(Locale.ROOT);
        List<String> members = List.of();
        if (team != null) {
            members = catalog.findTeam(team).map(Team::members).orElse(List.of());
        }
        String owner = blank(f.owner()) ? null : f.owner().trim().toLowerCase(Locale.ROOT);
        ReadAccess viewer = postmortems.readAccess();
        return repo.search(
                new CountermeasureRepository.Query(
                        team, members, f.status(), f.overdue(), f.kind(), owner, f.postmortemId(), today(), viewer),
                page,
                PageResult.clampSize(size, 50));
    }

    /**
     * "My countermeasures": the open and in-progress ones the current user owns, in person or through one of
     * their teams, soonest due first.
     */
    @Transactional(readOnly = true)
    public List<CountermeasureView> mine(int limit) {
        String me = dev.kintsugi.platform.Actor.current();
        List<String> owners = new java.util.ArrayList<>(List.of(me));
        catalog.teamsOf(me).forEach(t -> owners.add(t.name()));
        java.util.Map<Long, CountermeasureView> found = new java.util.LinkedHashMap<>();
        for (String owner : owners) {
            for (CountermeasureView c : list(new CountermeasureFilter(null, null, null, null, owner, null), 0, 200)
                    .items()) {
                if (c.status() == CountermeasureStatus.OPEN || c.status() == CountermeasureStatus.IN_PROGRESS) {
                    found.putIfAbsent(c.id(), c);
                }
            }
        }
        return found.values().stream()
                .sorted(java.util.Comparator.comparing(
                        CountermeasureView::dueDate,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .limit(Math.clamp(limit, 1, 50))
                .toList();
    }

    /** All of a post-mortem's countermeasures (for its page and its export). */
    @Transactional(readOnly = true)
    public List<CountermeasureView> of(long postmortemId) {
        return list(CountermeasureFilter.forPostmortem(postmortemId), 0, 200).items();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private CountermeasureView find(long id) {
        return repo.find(id, today()).orElseThrow(() -> new NotFoundException("Countermeasure", id));
    }

    private PostmortemRefs refs(CountermeasureView c) {
        PostmortemRefs refs = postmortems.refsUnchecked(c.postmortemId());
        return refs.withTeam(
                c.ownerTeam() == null
                        ? null
                        : catalog.findTeam(c.ownerTeam()).map(Team::id).orElse(null));
    }

    private Long teamId(CountermeasureDraft d) {
        return d.ownerTeam() == null
                ? null
                : catalog.findTeam(d.ownerTeam()).map(Team::id).orElse(null);
    }

    /** Boundary checks: people and teams exist, texts fit, the ticket link is http(s). */
    private CountermeasureDraft normalise(CountermeasureDraft d) {
        String title = required(d.title(), "title", 200);
        String ownerUser = blank(d.ownerUser()) ? null : d.ownerUser().trim().toLowerCase(Locale.ROOT);
        String ownerTeam = blank(d.ownerTeam()) ? null : d.ownerTeam().trim().toLowerCase(Locale.ROOT);
        if (ownerUser != null && !users.exists(ownerUser)) {
            throw new InvalidInputException(
                    "ownerUser", "validation.unknownUser", "no user named '" + d.ownerUser() + "'", d.ownerUser());
        }
        if (ownerTeam != null && catalog.findTeam(ownerTeam).isEmpty()) {
            throw new InvalidInputException(
                    "ownerTeam", "validation.noTeam", "no team named '" + d.ownerTeam() + "'", d.ownerTeam());
        }
        String ticketUrl = blank(d.ticketUrl()) ? null : PostmortemInput.url(d.ticketUrl(), "ticketUrl", 500);
        return new CountermeasureDraft(
                title,
                optional(d.description(), "description", MAX_TEXT),
                d.kind(),
                ownerUser,
                ownerTeam,
                d.dueDate(),
                d.priority() == null ? CountermeasurePriority.P3 : d.priority(),
                optional(d.ticketKey(), "ticketKey", 64),
                ticketUrl,
                optional(d.experiment(), "experiment", 200));
    }
}
