package dev.kintsugi.oncall;

import dev.kintsugi.oncall.ScheduleResolver.OnCall;
import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules: their rotations, who is on call at an instant or over a range, overrides (take a turn, swap two
 * turns, cover a period), and their iCalendar feeds behind secret URLs. Anyone logged in reads; the team's
 * responders and admins change. Every change is audited and published.
 */
@Service
@Transactional
public class Schedules {
    private final ScheduleRepository repo;
    private final ScheduleReads reads;
    private final ScheduleOverrides overrides;
    private final ScheduleFeeds feeds;
    private final TeamAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Schedules(
            ScheduleRepository repo,
            ScheduleReads reads,
            ScheduleOverrides overrides,
            ScheduleFeeds feeds,
            TeamAccess access,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.reads = reads;
        this.overrides = overrides;
        this.feeds = feeds;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- reads ----

    @Transactional(readOnly = true)
    public List<Schedule> list() {
        return repo.all();
    }

    @Transactional(readOnly = true)
    public Schedule get(String name) {
        return reads.get(name);
    }

    @Transactional(readOnly = true)
    public Optional<Schedule> find(long id) {
        return repo.find(id);
    }

    @Transactional(readOnly = true)
    public List<Schedule> ofTeams(List<Long> teamIds) {
        return repo.ofTeams(teamIds);
    }

    @Transactional(readOnly = true)
    public boolean mayEdit(Schedule s) {
        return access.mayEdit(s.teamId());
    }

    @Transactional(readOnly = true)
    public String teamName(Schedule s) {
        return access.teamName(s.teamId());
    }

    @Transactional(readOnly = true)
    public List<ScheduleOverride> overrides(Schedule s) {
        return repo.overrides(s.id());
    }

    @Transactional(readOnly = true)
    public List<OnCall> onCallAt(Schedule s, Instant at) {
        return ScheduleResolver.onCallAt(s.rotations(), repo.overrides(s.id()), at);
    }

    /** The usernames on call on the schedule at {@code at}. */
    @Transactional(readOnly = true)
    public List<String> usersOnCall(long scheduleId, Instant at) {
        return repo.find(scheduleId)
                .map(s -> onCallAt(s, at).stream().map(OnCall::username).toList())
                .orElse(List.of());
    }

    @Transactional(readOnly = true)
    public List<OnCallShift> shifts(Schedule s, Instant from, Instant to) {
        return reads.shifts(s, from, to);
    }

    /** A person's shift on a schedule. */
    public record PersonShift(String schedule, String scheduleDisplayName, OnCallShift shift) {}

    /** Someone's shifts over every schedule, in order. */
    @Transactional(readOnly = true)
    public List<PersonShift> shiftsOf(String username, Instant from, Instant to) {
        return reads.shiftsOf(username, from, to);
    }

    /** What a schedule being edited would give: who would be on call at {@code at}, and the shifts of a range. */
    public record Preview(List<OnCall> onCallAt, List<OnCallShift> shifts) {}

    /**
     * The shifts {@code rotations} would give from {@code from} to {@code to}, with the overrides of the schedule
     * named {@code existing} (null for a new one): nothing is written.
     */
    @Transactional(readOnly = true)
    public Preview preview(List<Rotation> rotations, String existing, Instant at, Instant from, Instant to) {
        ScheduleReads.checkRange(from, to);
        List<ScheduleOverride> overrides = existing == null
                ? List.of()
                : repo.find(existing).map(s -> repo.overrides(s.id())).orElse(List.of());
        return new Preview(
                ScheduleResolver.onCallAt(rotations, overrides, at),
                ScheduleResolver.shifts(rotations, overrides, from, to));
    }

    // ---- changes ----

    public Schedule create(ScheduleDraft d) {
        var team = access.team(d.team(), "team");
        access.requireEdit(team.id());
        List<Rotation> rotations = ScheduleDrafts.validate(d, reads);
        if (repo.find(d.name()).isPresent()) {
            throw ScheduleDrafts.taken(d.name());
        }
        long id;
        try {
            id = repo.insert(d.name(), d.displayName(), team.id(), d.zone(), rotations, clock.instant());
        } catch (DuplicateKeyException e) {
            throw ScheduleDrafts.taken(d.name());
        }
        Schedule s = repo.find(id).orElseThrow();
        audit.record("oncall.schedule.created", "schedule", s.name(), null, null, s);
        events.publishEvent(new ScheduleCreated(id, s.name(), s.teamId(), Actor.current()));
        return s;
    }

    public Schedule update(String name, ScheduleDraft d, Long expectedVersion) {
        Schedule before = get(name);
        access.requireEdit(before.teamId());
        Versions.require(expectedVersion, before.version(), "Schedule '" + name + "'");
        var team = access.team(d.team(), "team");
        if (team.id() != before.teamId()) {
            access.requireEdit(team.id());
        }
        List<Rotation> rotations = ScheduleDrafts.validate(d, reads);
        int n;
        try {
            n = repo.update(before.id(), before.version(), d.name(), d.displayName(), team.id(), d.zone(), rotations);
        } catch (DuplicateKeyException e) {
            throw ScheduleDrafts.taken(d.name());
        }
        if (n == 0) {
            throw new ConflictException(
                    "oncall.conflict.scheduleChanged",
                    "the schedule changed meanwhile: read it again",
                    java.util.Map.of());
        }
        Schedule after = repo.find(before.id()).orElseThrow();
        audit.record("oncall.schedule.updated", "schedule", after.name(), null, before, after);
        events.publishEvent(new ScheduleUpdated(after.id(), after.name(), after.teamId(), Actor.current()));
        return after;
    }

    public void delete(String name, Long expectedVersion) {
        Schedule s = get(name);
        access.requireEdit(s.teamId());
        Versions.require(expectedVersion, s.version(), "Schedule '" + name + "'");
        repo.delete(s.id());
        audit.record("oncall.schedule.deleted", "schedule", s.name(), null, s, null);
        events.publishEvent(new ScheduleDeleted(s.id(), s.name(), s.teamId(), Actor.current()));
    }

    // ---- overrides (ScheduleOverrides) ----

    /**
     * {@code coveringUser} (null: the caller) takes {@code coveredUser}'s turn of rotation {@code rotationKey} that
     * holds {@code shiftAt}. Anyone may take a turn for themselves on a schedule of their team; giving a turn to
     * somebody else needs the right to edit the schedule.
     */
    public ScheduleOverride take(String name, String rotationKey, Instant shiftAt, String coveringUser) {
        return overrides.take(name, rotationKey, shiftAt, coveringUser);
    }

    /**
     * Swaps two turns of one rotation: the caller's turn holding {@code mineAt} and {@code other}'s turn holding
     * {@code theirsAt}. Two overrides sharing a swap id; removing one removes both.
     */
    public List<ScheduleOverride> swap(String name, String rotationKey, Instant mineAt, Instant theirsAt) {
        return overrides.swap(name, rotationKey, mineAt, theirsAt);
    }

    /** {@code coveringUser} is on call over everything else from {@code start} to {@code end}. */
    public ScheduleOverride cover(String name, String coveringUser, Instant start, Instant end) {
        return overrides.cover(name, coveringUser, start, end);
    }

    public void removeOverride(String name, long overrideId) {
        overrides.removeOverride(name, overrideId);
    }

    // ---- feeds (ScheduleFeeds) ----

    /** The secret token of a schedule's feed; bumping the feed epoch (rotateFeed) makes older URLs fail. */
    public String feedToken(Schedule s) {
        return feeds.feedToken(s);
    }

    @Transactional(readOnly = true)
    public String personFeedToken(String username) {
        return feeds.personFeedToken(username);
    }

    public Schedule rotateFeed(String name) {
        return feeds.rotateFeed(name);
    }

    public void rotatePersonFeed() {
        feeds.rotatePersonFeed();
    }

    /** The iCalendar feed a secret token opens (a schedule's or a person's); empty when the token is not valid. */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token) {
        return feeds.feed(token, null);
    }

    /**
     * The feed a secret token opens, its summaries in {@code language} when given (the URL's {@code ?lang=}), else
     * a person's feed in their profile's language and a schedule's in the server's default language.
     */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token, Locale language) {
        return feeds.feed(token, language);
    }

    /** The zone of an id, refused naming {@code field}. */
    public static ZoneId zone(String id, String field) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "oncall.invalid.zone", "not a time zone: " + id, id);
        }
    }
}
