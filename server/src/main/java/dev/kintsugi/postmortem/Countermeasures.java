package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.persistence.CountermeasureRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Countermeasures of post-mortems: created, edited and moved through their statuses by responders, listed
 * organisation-wide with filters. A countermeasure that only asks people to try harder is refused. A
 * countermeasure is visible to whoever may see its post-mortem. Every change is audited.
 */
@Service
@Transactional
public class Countermeasures {
    public static final int MIN_WONT_DO_REASON = 10;

    private final CountermeasureRepository repo;
    private final PostmortemManagement postmortems;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final TryHarderCheck tryHarder;
    private final AuditLog audit;
    private final Clock clock;

    Countermeasures(
            CountermeasureRepository repo,
            PostmortemManagement postmortems,
            CatalogManagement catalog,
            UserManagement users,
            TryHarderCheck tryHarder,
            AuditLog audit,
            Clock clock) {
        this.repo = repo;
        this.postmortems = postmortems;
        this.catalog = catalog;
        this.users = users;
        this.tryHarder = tryHarder;
        this.audit = audit;
        this.clock = clock;
    }

    public Countermeasure create(long postmortemId, CountermeasureDraft draft) {
        postmortems.get(postmortemId);
        CountermeasureDraft d = validate(draft);
        long id = repo.insert(d, CountermeasureStatus.OPEN, postmortemId, Actor.current(), clock.instant());
        Countermeasure created = get(id);
        audit.record(
                "countermeasure.created",
                "countermeasure",
                key(id),
                "Countermeasure " + key(id) + " on PM-" + postmortemId + ": " + d.title(),
                null,
                created);
        return created;
    }

    /** Replaces what people wrote (not the status: see {@link #changeStatus}). */
    public Countermeasure update(long id, CountermeasureDraft draft) {
        Countermeasure before = get(id);
        CountermeasureDraft d = validate(draft);
        repo.update(id, d, clock.instant());
        Countermeasure after = get(id);
        audit.record("countermeasure.edited", "countermeasure", key(id), "Edited " + key(id), before, after);
        return after;
    }

    /**
     * An edit and/or a status change as one unit: if the status change is refused, the edit is not kept either.
     * {@code draft} or {@code status} may be null (nothing to change there).
     */
    public Countermeasure change(long id, CountermeasureDraft draft, CountermeasureStatus status, String reason) {
        Countermeasure c = draft == null ? get(id) : update(id, draft);
        return status == null ? c : changeStatus(id, status, reason);
    }

    /** Moves to any status; {@code WONT_DO} needs a reason of 10+ characters, {@code DONE} records when. */
    public Countermeasure changeStatus(long id, CountermeasureStatus status, String reason) {
        Countermeasure before = get(id);
        if (status == null) {
            throw new InvalidInputException("status", "must be one of " + List.of(CountermeasureStatus.values()));
        }
        String why = reason == null ? null : reason.trim();
        if (status == CountermeasureStatus.WONT_DO) {
            if (why == null || why.length() < MIN_WONT_DO_REASON) {
                throw new InvalidInputException(
                        "reason", "say why it won't be done, in at least " + MIN_WONT_DO_REASON + " characters");
            }
            if (why.length() > 2000) {
                throw new InvalidInputException("reason", "must be at most 2000 characters");
            }
        } else {
            why = null;
        }
        if (status == before.status() && java.util.Objects.equals(why, before.wontDoReason())) {
            return before;
        }
        Instant now = clock.instant();
        Instant doneAt = status == CountermeasureStatus.DONE
                ? (before.status() == CountermeasureStatus.DONE ? before.doneAt() : now)
                : null;
        repo.setStatus(id, status, why, doneAt, now);
        Countermeasure after = get(id);
        audit.record(
                "countermeasure.status-changed",
                "countermeasure",
                key(id),
                key(id) + ": " + before.status() + " → " + status + (why == null ? "" : " (" + why + ")"),
                Map.of("status", before.status()),
                why == null ? Map.of("status", status) : Map.of("status", status, "reason", why));
        return after;
    }

    /**
     * For the chaos module: a passing run of the rehearsal's experiment proves the countermeasure. Not
     * visibility-checked (called by the system).
     */
    public Countermeasure markVerified(long id, Instant at) {
        Countermeasure before = repo.find(id, today()).orElseThrow(() -> new NotFoundException("Countermeasure", id));
        repo.markVerified(id, at);
        Countermeasure after = repo.find(id, today()).orElseThrow();
        audit.record(
                "countermeasure.verified",
                "countermeasure",
                key(id),
                key(id) + " verified by a passing experiment run",
                Map.of("verifiedAt", String.valueOf(before.verifiedAt())),
                Map.of("verifiedAt", at.toString()));
        return after;
    }

    @Transactional(readOnly = true)
    public Countermeasure get(long id) {
        Countermeasure c = repo.find(id, today()).orElseThrow(() -> new NotFoundException("Countermeasure", id));
        try {
            postmortems.get(c.postmortemId());
        } catch (NotFoundException e) {
            throw new NotFoundException("Countermeasure", id);
        }
        return c;
    }

    @Transactional(readOnly = true)
    public PageResult<Countermeasure> list(CountermeasureFilter f, int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (f.postmortemId() != null) {
            postmortems.get(f.postmortemId());
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

    /** All of a post-mortem's countermeasures (for its page and its export). */
    @Transactional(readOnly = true)
    public List<Countermeasure> of(long postmortemId) {
        return list(CountermeasureFilter.forPostmortem(postmortemId), 0, 200).items();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static String key(long id) {
        return "CM-" + id;
    }

    private CountermeasureDraft validate(CountermeasureDraft d) {
        String title = PostmortemManagement.required(d.title(), "title", 200);
        tryHarder.refusal(title).ifPresent(why -> {
            throw new InvalidInputException("title", why);
        });
        if (d.kind() == null) {
            throw new InvalidInputException("kind", "must be one of " + List.of(CountermeasureKind.values()));
        }
        String ownerUser = blank(d.ownerUser()) ? null : d.ownerUser().trim().toLowerCase(Locale.ROOT);
        String ownerTeam = blank(d.ownerTeam()) ? null : d.ownerTeam().trim().toLowerCase(Locale.ROOT);
        if (ownerUser == null && ownerTeam == null) {
            throw new InvalidInputException("ownerUser", "name an owner: a person, a team, or both");
        }
        if (ownerUser != null && !users.exists(ownerUser)) {
            throw new InvalidInputException("ownerUser", "no user named '" + d.ownerUser() + "'");
        }
        if (ownerTeam != null && catalog.findTeam(ownerTeam).isEmpty()) {
            throw new InvalidInputException("ownerTeam", "no team named '" + d.ownerTeam() + "'");
        }
        if (d.dueDate() == null) {
            throw new InvalidInputException("dueDate", "must be given (yyyy-MM-dd)");
        }
        String experiment = PostmortemManagement.optional(d.experiment(), "experiment", 200);
        if (experiment != null && d.kind() != CountermeasureKind.REHEARSAL) {
            throw new InvalidInputException("experiment", "only a REHEARSAL countermeasure names an experiment");
        }
        String ticketUrl = PostmortemManagement.optional(d.ticketUrl(), "ticketUrl", 500);
        if (ticketUrl != null) {
            try {
                URI uri = URI.create(ticketUrl);
                if (uri.getScheme() == null
                        || !(uri.getScheme().equalsIgnoreCase("http")
                                || uri.getScheme().equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("ticketUrl", "must be an http(s) URL");
            }
        }
        return new CountermeasureDraft(
                title,
                PostmortemManagement.optional(d.description(), "description", PostmortemManagement.MAX_TEXT),
                d.kind(),
                ownerUser,
                ownerTeam,
                d.dueDate(),
                d.priority() == null ? CountermeasurePriority.P3 : d.priority(),
                PostmortemManagement.optional(d.ticketKey(), "ticketKey", 64),
                ticketUrl,
                experiment);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
