package dev.kintsugi.postmortem;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.CalendarFiles;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.persistence.ReviewMeetingRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The review meeting of a post-mortem: when, where, who, notes; and its iCalendar invitation (RFC 5545). */
@Service
@Transactional
public class ReviewMeetings {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ReviewMeetingRepository repo;
    private final PostmortemManagement postmortems;
    private final UserManagement users;
    private final KintsugiProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final PostmortemAccess access;
    private final ApplicationEventPublisher events;

    ReviewMeetings(
            ReviewMeetingRepository repo,
            PostmortemManagement postmortems,
            PostmortemAccess access,
            ApplicationEventPublisher events,
            UserManagement users,
            KintsugiProperties properties,
            AuditLog audit,
            Clock clock) {
        this.repo = repo;
        this.postmortems = postmortems;
        this.access = access;
        this.events = events;
        this.users = users;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<ReviewMeeting> find(long postmortemId) {
        postmortems.get(postmortemId);
        return repo.find(postmortemId);
    }

    public ReviewMeeting plan(
            long postmortemId,
            Instant startsAt,
            Integer durationMinutes,
            String location,
            List<String> attendees,
            String notes) {
        return plan(postmortemId, null, startsAt, durationMinutes, location, attendees, notes);
    }

    /**
     * Plans (or moves) the review meeting. {@code expectedVersion} (from {@code If-Match}) answers 412 if the
     * meeting changed since the client read it; a concurrent change answers 409.
     */
    public ReviewMeeting plan(
            long postmortemId,
            Long expectedVersion,
            Instant startsAt,
            Integer durationMinutes,
            String location,
            List<String> attendees,
            String notes) {
        PostmortemRefs refs = access.refs(postmortemId);
        Optional<ReviewMeeting> before = repo.find(postmortemId);
        if (expectedVersion != null) {
            Versions.require(expectedVersion, before.map(ReviewMeeting::version).orElse(0), "The review meeting");
        }
        if (startsAt == null) {
            throw new InvalidInputException("startsAt", "validation.required", "must be given");
        }
        int minutes = durationMinutes == null ? 60 : durationMinutes;
        if (minutes < 5 || minutes > 8 * 60) {
            throw new InvalidInputException(
                    "durationMinutes", "validation.between", "must be between 5 and 480", 5, 480);
        }
        List<String> people = new ArrayList<>();
        for (String a : attendees == null ? List.<String>of() : attendees) {
            String who = a == null ? "" : a.trim();
            if (who.isEmpty()) {
                continue;
            }
            if (who.contains("@")) {
                if (!EMAIL.matcher(who).matches() || who.length() > 200) {
                    throw new InvalidInputException(
                            "attendees", "meeting.validation.email", "'" + a + "' is not an e-mail address", a);
                }
            } else {
                who = who.toLowerCase(Locale.ROOT);
                if (!users.exists(who)) {
                    throw new InvalidInputException(
                            "attendees", "validation.unknownUser", "no user named '" + a + "'", a);
                }
            }
            if (!people.contains(who)) {
                people.add(who);
            }
        }
        ReviewMeeting meeting = new ReviewMeeting(
                postmortemId,
                startsAt.truncatedTo(ChronoUnit.SECONDS),
                minutes,
                PostmortemInput.optional(location, "location", 300),
                people,
                PostmortemInput.optional(notes, "notes", PostmortemInput.MAX_TEXT),
                before.map(ReviewMeeting::version).orElse(0));
        if (!repo.save(meeting, before.isPresent())) {
            throw new ConflictException(
                    "postmortem.conflict.meetingChanged",
                    "The review meeting of PM-" + postmortemId + " was changed by someone else meanwhile; reload and"
                            + " try again",
                    java.util.Map.of("field", "version"),
                    "PM-" + postmortemId);
        }
        ReviewMeeting saved = repo.find(postmortemId).orElseThrow();
        audit.record(
                "postmortem.review-meeting",
                "postmortem",
                "PM-" + postmortemId,
                "Review meeting of PM-" + postmortemId + " on " + meeting.startsAt(),
                before.orElse(null),
                saved);
        events.publishEvent(new PostmortemReviewMeetingPlanned(refs, saved, Actor.current(), clock.instant()));
        return saved;
    }

    /** The invitation as an iCalendar object (RFC 5545, written by the platform's {@link CalendarFiles}). */
    @Transactional(readOnly = true)
    public Optional<String> ics(long postmortemId) {
        Postmortem pm = postmortems.get(postmortemId);
        return repo.find(postmortemId).map(m -> ics(pm, m));
    }

    private String ics(Postmortem pm, ReviewMeeting m) {
        String base = properties.baseUrl().replaceAll("/+$", "");
        String link = base + "/postmortems/" + pm.id();
        String host = Optional.ofNullable(URI.create(base).getHost()).orElse("kintsugi");
        StringBuilder description = new StringBuilder("Blameless review of " + pm.key());
        if (pm.incidentKey() != null) {
            description.append(" (incident ").append(pm.incidentKey()).append(")");
        }
        description.append(".\nRead it first: ").append(link);
        if (m.notes() != null) {
            description.append("\n\n").append(m.notes());
        }
        List<CalendarFiles.Invitee> invitees = new ArrayList<>();
        for (String a : m.attendees()) {
            if (a.contains("@")) {
                invitees.add(new CalendarFiles.Invitee(a, a));
            } else {
                users.find(a)
                        .filter(u -> u.email() != null && !u.email().isBlank())
                        .ifPresent(u -> invitees.add(new CalendarFiles.Invitee(u.displayName(), u.email())));
            }
        }
        return CalendarFiles.write(
                "-//Kintsugi//Post-mortem review//EN",
                List.of(new CalendarFiles.Event(
                        "postmortem-" + pm.id() + "-review@" + host,
                        clock.instant(),
                        m.startsAt(),
                        m.endsAt(),
                        "Post-mortem review: " + pm.content().title() + " (" + pm.key() + ")",
                        description.toString(),
                        m.location(),
                        link,
                        invitees)));
    }
}
