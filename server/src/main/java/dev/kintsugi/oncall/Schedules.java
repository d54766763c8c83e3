package dev.kintsugi.oncall;

import dev.kintsugi.oncall.ScheduleResolver.OnCall;
import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.CalendarFiles;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
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
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Duration MAX_RANGE = Duration.ofDays(400);
    private final ScheduleRepository repo;
    private final TeamAccess access;
    private final UserManagement users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ServerSecrets secrets;
    private final OnCallProperties properties;
    private final MessageSource messages;
    private final Mailer mailer;
    private final Clock clock;

    Schedules(
            ScheduleRepository repo,
            TeamAccess access,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            ServerSecrets secrets,
            OnCallProperties properties,
            MessageSource messages,
            Mailer mailer,
            Clock clock) {
        this.messages = messages;
        this.mailer = mailer;
        this.repo = repo;
        this.access = access;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- reads ----

    @Transactional(readOnly = true)
    public List<Schedule> list() {
        return repo.all();
    }

    @Transactional(readOnly = true)
    public Schedule get(String name) {
        return repo.find(name).orElseThrow(() -> new NotFoundException("Schedule", name));
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
        checkRange(from, to);
        return ScheduleResolver.shifts(s.rotations(), repo.overrides(s.id()), from, to);
    }

    /** A person's shift on a schedule. */
    public record PersonShift(String schedule, String scheduleDisplayName, OnCallShift shift) {}

    /** Someone's shifts over every schedule, in order. */
    @Transactional(readOnly = true)
    public List<PersonShift> shiftsOf(String username, Instant from, Instant to) {
        checkRange(from, to);
        List<PersonShift> out = new ArrayList<>();
        for (Schedule s : repo.all()) {
            if (s.rotations().stream().noneMatch(r -> r.participants().contains(username))
                    && repo.overrides(s.id()).stream()
                            .noneMatch(o -> o.coveringUser().equals(username))) {
                continue;
            }
            for (OnCallShift x : shifts(s, from, to)) {
                if (x.username().equals(username)) {
                    out.add(new PersonShift(s.name(), s.displayName(), x));
                }
            }
        }
        out.sort(Comparator.comparing((PersonShift p) -> p.shift().start()));
        return out;
    }

    /** What a schedule being edited would give: who would be on call at {@code at}, and the shifts of a range. */
    public record Preview(List<OnCall> onCallAt, List<OnCallShift> shifts) {}

    /**
     * The shifts {@code rotations} would give from {@code from} to {@code to}, with the overrides of the schedule
     * named {@code existing} (null for a new one): nothing is written.
     */
    @Transactional(readOnly = true)
    public Preview preview(List<Rotation> rotations, String existing, Instant at, Instant from, Instant to) {
        checkRange(from, to);
        List<ScheduleOverride> overrides = existing == null
                ? List.of()
                : repo.find(existing).map(s -> repo.overrides(s.id())).orElse(List.of());
        return new Preview(
                ScheduleResolver.onCallAt(rotations, overrides, at),
                ScheduleResolver.shifts(rotations, overrides, from, to));
    }

    private static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "oncall.invalid.toAfterFrom", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to", "oncall.invalid.rangeTooLong", "a range spans at most 400 days");
        }
    }

    // ---- changes ----

    public Schedule create(ScheduleDraft d) {
        var team = access.team(d.team(), "team");
        access.requireEdit(team.id());
        List<Rotation> rotations = validate(d);
        if (repo.find(d.name()).isPresent()) {
            throw new ConflictException(
                    "oncall.conflict.scheduleTaken",
                    "a schedule named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
        }
        long id;
        try {
            id = repo.insert(d.name(), d.displayName(), team.id(), d.zone(), rotations, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "oncall.conflict.scheduleTaken",
                    "a schedule named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
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
        List<Rotation> rotations = validate(d);
        int n;
        try {
            n = repo.update(before.id(), before.version(), d.name(), d.displayName(), team.id(), d.zone(), rotations);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "oncall.conflict.scheduleTaken",
                    "a schedule named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
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

    /**
     * {@code coveringUser} (null: the caller) takes {@code coveredUser}'s turn of rotation {@code rotationKey} that
     * holds {@code shiftAt}. Anyone may take a turn for themselves on a schedule of their team; giving a turn to
     * somebody else needs the right to edit the schedule.
     */
    public ScheduleOverride take(String name, String rotationKey, Instant shiftAt, String coveringUser) {
        Schedule s = get(name);
        String me = Actor.current();
        String covering = coveringUser == null || coveringUser.isBlank() ? me : coveringUser;
        access.requireEdit(s.teamId());
        requireUser(covering, "coveringUser");
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
    public List<ScheduleOverride> swap(String name, String rotationKey, Instant mineAt, Instant theirsAt) {
        Schedule s = get(name);
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
    public ScheduleOverride cover(String name, String coveringUser, Instant start, Instant end) {
        Schedule s = get(name);
        access.requireEdit(s.teamId());
        String covering = coveringUser == null || coveringUser.isBlank() ? Actor.current() : coveringUser;
        requireUser(covering, "coveringUser");
        if (!start.isBefore(end)) {
            throw new InvalidInputException("end", "oncall.invalid.endAfterStart", "must be after start");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
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

    public void removeOverride(String name, long overrideId) {
        Schedule s = get(name);
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

    private void requireUser(String username, String field) {
        if (!users.exists(username)) {
            throw new InvalidInputException(field, "oncall.invalid.noSuchUser", "no such user: " + username, username);
        }
    }

    private List<Rotation> validate(ScheduleDraft d) {
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw new InvalidInputException(
                    "name", "oncall.invalid.name", "lower-case letters, digits and dashes, at most 64");
        }
        if (d.displayName() == null
                || d.displayName().isBlank()
                || d.displayName().length() > 128) {
            throw new InvalidInputException(
                    "displayName", "oncall.invalid.max128", "is required, at most 128 characters");
        }
        if (d.zone() == null) {
            throw new InvalidInputException("timeZone", "oncall.invalid.required", "is required");
        }
        List<Rotation> rotations = d.rotations() == null ? List.of() : d.rotations();
        if (rotations.size() > 20) {
            throw new InvalidInputException("rotations", "oncall.invalid.rotationCount", "at most 20");
        }
        Set<String> keys = new HashSet<>();
        for (Rotation r : rotations) {
            if (!keys.add(r.key())) {
                throw new InvalidInputException(
                        "rotations",
                        "oncall.invalid.rotationKeyTwice",
                        "two rotations share the key " + r.key(),
                        r.key());
            }
            for (String p : r.participants()) {
                requireUser(p, "rotations.participants");
            }
        }
        return rotations;
    }

    // ---- feeds ----

    /** The secret token of a schedule's feed; bumping the feed epoch (rotateFeed) makes older URLs fail. */
    public String feedToken(Schedule s) {
        return "s" + s.id() + "." + secrets.sign("schedule-feed:" + s.id() + ":" + s.feedEpoch());
    }

    @Transactional(readOnly = true)
    public String personFeedToken(String username) {
        String u = Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8));
        return "u" + u + "." + secrets.sign("person-feed:" + username + ":" + repo.personFeedEpoch(username));
    }

    public Schedule rotateFeed(String name) {
        Schedule s = get(name);
        access.requireEdit(s.teamId());
        if (repo.bumpFeedEpoch(s.id(), s.version()) == 0) {
            throw new ConflictException(
                    "oncall.conflict.scheduleChanged",
                    "the schedule changed meanwhile: read it again",
                    java.util.Map.of());
        }
        audit.record("oncall.schedule.feed-rotated", "schedule", s.name(), null, null, null);
        Schedule after = repo.find(s.id()).orElseThrow();
        events.publishEvent(new ScheduleUpdated(after.id(), after.name(), after.teamId(), Actor.current()));
        return after;
    }

    public void rotatePersonFeed() {
        String me = Actor.current();
        repo.bumpPersonFeedEpoch(me);
        audit.record("oncall.person.feed-rotated", "user", me, null, null, null);
    }

    /** The iCalendar feed a secret token opens (a schedule's or a person's); empty when the token is not valid. */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token) {
        return feed(token, null);
    }

    /**
     * The feed a secret token opens, its summaries in {@code language} when given (the URL's {@code ?lang=}), else
     * a person's feed in their profile's language and a schedule's in the server's default language.
     */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token, Locale language) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot < 2 || token.length() > 400) {
            return Optional.empty();
        }
        String head = token.substring(1, dot);
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(properties.feedDaysBefore()));
        Instant to = now.plus(Duration.ofDays(properties.feedDaysAfter()));
        if (token.charAt(0) == 's') {
            long id;
            try {
                id = Long.parseLong(head);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            String signature = token.substring(dot + 1);
            return repo.find(id)
                    .filter(s -> secrets.verify("schedule-feed:" + s.id() + ":" + s.feedEpoch(), signature))
                    .map(s -> scheduleFeed(s, from, to, now, language == null ? mailer.localeOf(null) : language));
        }
        if (token.charAt(0) == 'u') {
            String username;
            try {
                username = new String(Base64.getUrlDecoder().decode(head), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Optional<dev.kintsugi.platform.UserAccount> person = users.find(username);
            if (person.isEmpty()
                    || !secrets.verify(
                            "person-feed:" + username + ":" + repo.personFeedEpoch(username),
                            token.substring(dot + 1))) {
                return Optional.empty();
            }
            Locale locale = language == null ? mailer.localeOf(person.get()) : language;
            return Optional.of(personFeed(username, locale, from, to, now));
        }
        return Optional.empty();
    }

    /** A schedule's feed has no single reader: its summaries are in the URL's language, else the server's. */
    String scheduleFeed(Schedule s, Instant from, Instant to, Instant now, Locale locale) {
        List<CalendarFiles.Event> out = new ArrayList<>();
        for (OnCallShift x : shifts(s, from, to)) {
            out.add(event(s, x, now, locale));
        }
        return CalendarFiles.write("-//Kintsugi//On-call " + s.name() + "//EN", out);
    }

    /** A person's feed, its summaries in the person's language (their profile's, else the server's default). */
    String personFeed(String username, Locale locale, Instant from, Instant to, Instant now) {
        List<CalendarFiles.Event> out = new ArrayList<>();
        for (PersonShift p : shiftsOf(username, from, to)) {
            out.add(event(get(p.schedule()), p.shift(), now, locale));
        }
        return CalendarFiles.write("-//Kintsugi//On-call for " + username + "//EN", out);
    }

    private CalendarFiles.Event event(Schedule s, OnCallShift x, Instant now, Locale locale) {
        String uid = "oncall-" + s.id() + "-" + x.username() + "-" + x.start().getEpochSecond() + "@kintsugi";
        String summary =
                messages.getMessage("oncall.feed.summary", new Object[] {x.username(), s.displayName()}, locale);
        String description = x.coveredUser() == null
                ? null
                : messages.getMessage("oncall.feed.covering", new Object[] {x.coveredUser()}, locale);
        return new CalendarFiles.Event(uid, now, x.start(), x.end(), summary, description, null, null, List.of());
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
