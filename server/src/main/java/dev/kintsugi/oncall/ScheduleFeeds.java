package dev.kintsugi.oncall;

import dev.kintsugi.oncall.Schedules.PersonShift;
import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.CalendarFiles;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The iCalendar feeds behind {@link Schedules}: a schedule's and a person's, each behind a secret URL (an HMAC of
 * the schedule or person and an epoch, bumped to revoke it), their summaries in the asked language.
 */
@Component
@Transactional
class ScheduleFeeds {
    private final ScheduleRepository repo;
    private final ScheduleReads reads;
    private final TeamAccess access;
    private final UserManagement users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ServerSecrets secrets;
    private final OnCallProperties properties;
    private final MessageSource messages;
    private final Mailer mailer;
    private final Clock clock;

    ScheduleFeeds(
            ScheduleRepository repo,
            ScheduleReads reads,
            TeamAccess access,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            ServerSecrets secrets,
            OnCallProperties properties,
            MessageSource messages,
            Mailer mailer,
            Clock clock) {
        this.repo = repo;
        this.reads = reads;
        this.access = access;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.secrets = secrets;
        this.properties = properties;
        this.messages = messages;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** The secret token of a schedule's feed; bumping the feed epoch (rotateFeed) makes older URLs fail. */
    String feedToken(Schedule s) {
        return "s" + s.id() + "." + secrets.sign("schedule-feed:" + s.id() + ":" + s.feedEpoch());
    }

    @Transactional(readOnly = true)
    String personFeedToken(String username) {
        String u = Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8));
        return "u" + u + "." + secrets.sign("person-feed:" + username + ":" + repo.personFeedEpoch(username));
    }

    Schedule rotateFeed(String name) {
        Schedule s = reads.get(name);
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

    void rotatePersonFeed() {
        String me = Actor.current();
        repo.bumpPersonFeedEpoch(me);
        audit.record("oncall.person.feed-rotated", "user", me, null, null, null);
    }

    /**
     * The feed a secret token opens, its summaries in {@code language} when given (the URL's {@code ?lang=}), else
     * a person's feed in their profile's language and a schedule's in the server's default language.
     */
    @Transactional(readOnly = true)
    Optional<String> feed(String token, Locale language) {
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
        for (OnCallShift x : reads.shifts(s, from, to)) {
            out.add(event(s, x, now, locale));
        }
        return CalendarFiles.write("-//Kintsugi//On-call " + s.name() + "//EN", out);
    }

    /** A person's feed, its summaries in the person's language (their profile's, else the server's default). */
    String personFeed(String username, Locale locale, Instant from, Instant to, Instant now) {
        List<CalendarFiles.Event> out = new ArrayList<>();
        for (PersonShift p : reads.shiftsOf(username, from, to)) {
            out.add(event(reads.get(p.schedule()), p.shift(), now, locale));
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
}
