package dev.kintsugi.oncall;

import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A schedule's overrides, behind {@link Schedules}: take a turn, swap two turns, cover a period, remove one (both
 * halves of a swap). Stored as "X covers Y's turn of rotation R that holds T", so a turn's cover follows later edits
 * of the rotation. Only the team's responders and admins change them; every change is audited and published.
 */
@Component
@Transactional
class ScheduleOverrides {
    private final ScheduleRepository repo;
    private final ScheduleReads reads;
    private final TeamAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScheduleOverrides(
            ScheduleRepository repo,
            ScheduleReads reads,
            TeamAccess access,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.reads = reads;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * {@code coveringUser} (null: the caller) takes {@code coveredUser}'s turn of rotation {@code rotationKey} that
     * holds {@code shiftAt}. Anyone may take a turn for themselves on a schedule of their team; giving a turn to
     * somebody else needs the right to edit the schedule.
     */
    ScheduleOverride take(String name, String rotationKey, Instant shiftAt, String coveringUser) {
        Schedule s = reads.get(name);
        String me = Actor.current();
        String covering = coveringUser == null || coveringUser.isBlank() ? me : coveringUser;
        access.requireEdit(s.teamId());
        reads.requireUser(covering, "coveringUser");
        Rotation.Turn turn = turnOf(s, rotationKey, shiftAt, "shiftAt");
        String covered = currentHolder(s, rotationKey, turn);
        if (covered.equals(covering)) {
            throw new InvalidInputException("coveringUser", "oncall.invalid.alreadyHolds", "already holds that turn");
        }
        long id = repo.insertOverride(
                s.id(), rotationKey, turn.username(), covering, turn.start(), null, null, null, me, clock.instant());
        ScheduleOverride o = repo.override(s.id(), id).orElseThrow();
        audit.record(
                "oncall.override.added",
                "schedule",
                s.name(),
                covering + " covers " + turn.username() + " from " + turn.start(),
                null,
                o);
        events.publishEvent(
                new ScheduleOverridden(s.id(), s.name(), s.teamId(), id, covering, turn.username(), turn.start(), me));
        return o;
    }

    /**
     * Swaps two turns of one rotation: the caller's turn holding {@code mineAt} and {@code other}'s turn holding
     * {@code theirsAt}. Two overrides sharing a swap id; removing one removes both.
     */
    List<ScheduleOverride> swap(String name, String rotationKey, Instant mineAt, Instant theirsAt) {
        Schedule s = reads.get(name);
        String me = Actor.current();
        access.requireEdit(s.teamId());
        Rotation.Turn mine = turnOf(s, rotationKey, mineAt, "mineAt");
        Rotation.Turn theirs = turnOf(s, rotationKey, theirsAt, "theirsAt");
        if (!currentHolder(s, rotationKey, mine).equals(me) && !mine.username().equals(me)) {
            throw new InvalidInputException("mineAt", "oncall.invalid.notYourTurn", "that turn is not yours");
        }
        String other = currentHolder(s, rotationKey, theirs);
        if (other.equals(me) || mine.index() == theirs.index()) {
            throw new InvalidInputException("theirsAt", "oncall.invalid.swapOther", "swap with somebody else's turn");
        }
        Instant now = clock.instant();
        long a = repo.insertOverride(
                s.id(), rotationKey, mine.username(), other, mine.start(), null, null, null, me, now);
        long b =
                repo.insertOverride(s.id(), rotationKey, theirs.username(), me, theirs.start(), null, null, a, me, now);
        repo.setSwapId(a, a);
        List<ScheduleOverride> pair = List.of(
                repo.override(s.id(), a).orElseThrow(), repo.override(s.id(), b).orElseThrow());
        audit.record(
                "oncall.override.swapped",
                "schedule",
                s.name(),
                me + " swaps " + mine.start() + " with " + other + "'s " + theirs.start(),
                null,
                pair);
        events.publishEvent(
                new ScheduleOverridden(s.id(), s.name(), s.teamId(), a, other, mine.username(), mine.start(), me));
        events.publishEvent(
                new ScheduleOverridden(s.id(), s.name(), s.teamId(), b, me, theirs.username(), theirs.start(), me));
        return pair;
    }

    /** {@code coveringUser} is on call over everything else from {@code start} to {@code end}. */
    ScheduleOverride cover(String name, String coveringUser, Instant start, Instant end) {
        Schedule s = reads.get(name);
        access.requireEdit(s.teamId());
        String covering = coveringUser == null || coveringUser.isBlank() ? Actor.current() : coveringUser;
        reads.requireUser(covering, "coveringUser");
        if (!start.isBefore(end)) {
            throw new InvalidInputException("end", "oncall.invalid.endAfterStart", "must be after start");
        }
        if (Duration.between(start, end).compareTo(ScheduleReads.MAX_RANGE) > 0) {
            throw new InvalidInputException(
                    "end", "oncall.invalid.overrideTooLong", "an override spans at most 400 days");
        }
        long id = repo.insertOverride(
                s.id(), null, null, covering, null, start, end, null, Actor.current(), clock.instant());
        ScheduleOverride o = repo.override(s.id(), id).orElseThrow();
        audit.record(
                "oncall.override.added", "schedule", s.name(), covering + " covers " + start + " .. " + end, null, o);
        events.publishEvent(
                new ScheduleOverridden(s.id(), s.name(), s.teamId(), id, covering, null, start, Actor.current()));
        return o;
    }

    void removeOverride(String name, long overrideId) {
        Schedule s = reads.get(name);
        access.requireEdit(s.teamId());
        ScheduleOverride o =
                repo.override(s.id(), overrideId).orElseThrow(() -> new NotFoundException("Override", overrideId));
        List<ScheduleOverride> gone = o.swapId() == null
                ? List.of(o)
                : repo.overrides(s.id()).stream()
                        .filter(x -> o.swapId().equals(x.swapId()))
                        .toList();
        for (ScheduleOverride x : gone) {
            repo.deleteOverride(x.id());
            events.publishEvent(new ScheduleOverrideRemoved(s.id(), s.name(), s.teamId(), x.id(), Actor.current()));
        }
        audit.record("oncall.override.removed", "schedule", s.name(), null, gone, null);
    }

    private Rotation.Turn turnOf(Schedule s, String rotationKey, Instant at, String field) {
        Rotation r = s.rotations().stream()
                .filter(x -> x.key().equals(rotationKey))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "rotation", "oncall.invalid.noSuchRotation", "no such rotation: " + rotationKey, rotationKey));
        return r.turnAt(at)
                .orElseThrow(() -> new InvalidInputException(
                        field, "oncall.invalid.notStarted", "the rotation has not started then"));
    }

    private String currentHolder(Schedule s, String rotationKey, Rotation.Turn turn) {
        Rotation r = s.rotations().stream()
                .filter(x -> x.key().equals(rotationKey))
                .findFirst()
                .orElseThrow();
        return ScheduleResolver.coverOf(r, turn, repo.overrides(s.id())).orElse(turn.username());
    }
}
