package dev.kintsugi.postmortem;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The countermeasure aggregate: a change that makes the failure less likely or less harmful, owned by a person
 * and/or a team, due on a date, tracked to done. It guards its own rules — never a mere "try harder", always an
 * owner and a due date, an experiment only for a rehearsal; any status can be reached from any other (done ones
 * can be reopened), but {@code WONT_DO} needs a written reason and {@code DONE} records when — and records what
 * the other modules must hear ({@link #pendingEvents()}).
 */
public class Countermeasure {
    public static final int MIN_WONT_DO_REASON = 10;
    public static final int MAX_WONT_DO_REASON = 2000;

    private final long id;
    private final long postmortemId;
    private CountermeasureDraft details;
    private CountermeasureStatus status;
    private String wontDoReason;
    private Instant doneAt;
    private Instant verifiedAt;
    private final PostmortemRefs refs;
    private final int version;
    private final List<Object> pendingEvents = new ArrayList<>();

    public Countermeasure(
            long id,
            long postmortemId,
            CountermeasureDraft details,
            CountermeasureStatus status,
            String wontDoReason,
            Instant doneAt,
            Instant verifiedAt,
            PostmortemRefs refs,
            int version) {
        this.id = id;
        this.postmortemId = postmortemId;
        this.details = Objects.requireNonNull(details);
        this.status = Objects.requireNonNull(status);
        this.wontDoReason = wontDoReason;
        this.doneAt = doneAt;
        this.verifiedAt = verifiedAt;
        this.refs = Objects.requireNonNull(refs);
        this.version = version;
    }

    /** The aggregate of a stored countermeasure; {@code refs} are its post-mortem's, with its owning team. */
    public static Countermeasure of(CountermeasureView v, PostmortemRefs refs) {
        return new Countermeasure(
                v.id(),
                v.postmortemId(),
                new CountermeasureDraft(
                        v.title(),
                        v.description(),
                        v.kind(),
                        v.ownerUser(),
                        v.ownerTeam(),
                        v.dueDate(),
                        v.priority(),
                        v.ticketKey(),
                        v.ticketUrl(),
                        v.experiment()),
                v.status(),
                v.wontDoReason(),
                v.doneAt(),
                v.verifiedAt(),
                refs,
                v.version());
    }

    /** Checks a proposed countermeasure before it is stored: it starts {@code OPEN}. */
    public static CountermeasureDraft propose(CountermeasureDraft d, TryHarderCheck tryHarder) {
        check(d, tryHarder);
        return d;
    }

    /** The countermeasure just stored under {@code id}: announces it. */
    public static Countermeasure created(
            long id, long postmortemId, CountermeasureDraft d, PostmortemRefs refs, String actor, Instant now) {
        Countermeasure c =
                new Countermeasure(id, postmortemId, d, CountermeasureStatus.OPEN, null, null, null, refs, 0);
        c.pendingEvents.add(new CountermeasureCreated(refs, id, d, actor, now));
        return c;
    }

    // ---- state changes ----

    /** Replaces what people wrote (not the status); an unchanged draft changes nothing. */
    public void edit(CountermeasureDraft next, TryHarderCheck tryHarder, String actor, Instant now) {
        check(next, tryHarder);
        if (next.equals(details)) {
            return;
        }
        List<String> changed = changedFields(details, next);
        details = next;
        pendingEvents.add(new CountermeasureUpdated(refs, id, changed, details, actor, now));
    }

    /** Moves to {@code target}; {@code WONT_DO} needs a reason, which other statuses drop. */
    public void moveTo(CountermeasureStatus target, String reason, String actor, Instant now) {
        if (target == null) {
            throw dev.kintsugi.platform.Enums.mustBeOneOf("status", CountermeasureStatus.values());
        }
        String why = reason == null ? null : reason.trim();
        if (target == CountermeasureStatus.WONT_DO) {
            if (why == null || why.length() < MIN_WONT_DO_REASON) {
                throw new InvalidInputException(
                        "reason",
                        "cm.validation.wontDoReason",
                        "say why it won't be done, in at least " + MIN_WONT_DO_REASON + " characters",
                        MIN_WONT_DO_REASON);
            }
            if (why.length() > MAX_WONT_DO_REASON) {
                throw new InvalidInputException(
                        "reason",
                        "validation.tooLong",
                        "must be at most " + MAX_WONT_DO_REASON + " characters",
                        MAX_WONT_DO_REASON);
            }
        } else {
            why = null;
        }
        if (target == status && Objects.equals(why, wontDoReason)) {
            return;
        }
        CountermeasureStatus from = status;
        if (target == CountermeasureStatus.DONE && from != CountermeasureStatus.DONE) {
            doneAt = now;
        } else if (target != CountermeasureStatus.DONE) {
            doneAt = null;
        }
        status = target;
        wontDoReason = why;
        pendingEvents.add(new CountermeasureStatusChanged(refs, id, from, target, why, actor, now));
    }

    /** A passing run of the rehearsal's experiment proves it. */
    public void verify(Instant at) {
        if (at == null) {
            throw new InvalidInputException("verifiedAt", "validation.required", "must be given");
        }
        verifiedAt = at;
        pendingEvents.add(new CountermeasureVerified(refs, id, at));
    }

    private static void check(CountermeasureDraft d, TryHarderCheck tryHarder) {
        if (d.title() == null || d.title().isBlank()) {
            throw new InvalidInputException("title", "validation.blank", "must not be blank");
        }
        tryHarder.refusal(d.title()).ifPresent(why -> {
            throw new InvalidInputException("title", why);
        });
        if (d.kind() == null) {
            throw dev.kintsugi.platform.Enums.mustBeOneOf("kind", CountermeasureKind.values());
        }
        if (d.ownerUser() == null && d.ownerTeam() == null) {
            throw new InvalidInputException(
                    "ownerUser", "cm.validation.owner", "name an owner: a person, a team, or both");
        }
        if (d.dueDate() == null) {
            throw new InvalidInputException("dueDate", "cm.validation.dueDate", "must be given (yyyy-MM-dd)");
        }
        if (d.experiment() != null && d.kind() != CountermeasureKind.REHEARSAL) {
            throw new InvalidInputException(
                    "experiment", "cm.validation.experiment", "only a REHEARSAL countermeasure names an experiment");
        }
    }

    private static List<String> changedFields(CountermeasureDraft a, CountermeasureDraft b) {
        List<String> changed = new ArrayList<>();
        compare(changed, "title", a.title(), b.title());
        compare(changed, "description", a.description(), b.description());
        compare(changed, "kind", a.kind(), b.kind());
        compare(changed, "ownerUser", a.ownerUser(), b.ownerUser());
        compare(changed, "ownerTeam", a.ownerTeam(), b.ownerTeam());
        compare(changed, "dueDate", a.dueDate(), b.dueDate());
        compare(changed, "priority", a.priority(), b.priority());
        compare(changed, "ticketKey", a.ticketKey(), b.ticketKey());
        compare(changed, "ticketUrl", a.ticketUrl(), b.ticketUrl());
        compare(changed, "experiment", a.experiment(), b.experiment());
        return changed;
    }

    private static void compare(List<String> changed, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changed.add(field);
        }
    }

    // ---- reading ----

    public long id() {
        return id;
    }

    public String key() {
        return "CM-" + id;
    }

    public long postmortemId() {
        return postmortemId;
    }

    public CountermeasureDraft details() {
        return details;
    }

    public CountermeasureStatus status() {
        return status;
    }

    public String wontDoReason() {
        return wontDoReason;
    }

    public Instant doneAt() {
        return doneAt;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    public PostmortemRefs refs() {
        return refs;
    }

    /** The version it was loaded at: the save is refused if the stored one moved on since. */
    public int version() {
        return version;
    }

    public List<Object> pendingEvents() {
        return List.copyOf(pendingEvents);
    }
}
