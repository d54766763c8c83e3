package dev.kintsugi.platform;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.ParticipationStatus;
import biweekly.property.Attendee;
import biweekly.property.CalendarScale;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * iCalendar files (RFC 5545) through biweekly: review-meeting invitations today, on-call and game-day calendar
 * feeds later. biweekly does the escaping, the line folding and the UTC date-times. Times are written in UTC;
 * {@code DTSTAMP} is the caller's (the injected clock's) time, never the library's "now".
 */
public final class CalendarFiles {
    /** The text/calendar media type, UTF-8. */
    public static final String CONTENT_TYPE = "text/calendar;charset=UTF-8";

    private CalendarFiles() {}

    /** A person invited: a display name and the address the invitation names. */
    public record Invitee(String name, String email) {
        public Invitee {
            Objects.requireNonNull(email);
        }
    }

    /**
     * One event. {@code uid} is globally unique and stable (the same event keeps it across updates); {@code
     * description}, {@code location}, {@code url} may be null.
     */
    public record Event(
            String uid,
            Instant stamp,
            Instant start,
            Instant end,
            String summary,
            String description,
            String location,
            String url,
            List<Invitee> invitees) {
        public Event {
            Objects.requireNonNull(uid);
            Objects.requireNonNull(stamp);
            Objects.requireNonNull(start);
            Objects.requireNonNull(end);
            Objects.requireNonNull(summary);
            invitees = invitees == null ? List.of() : List.copyOf(invitees);
        }
    }

    /**
     * A calendar of {@code events} for {@code product} (the PRODID, e.g. {@code -//Kintsugi//Post-mortem
     * review//EN}): CRLF line ends, lines folded at 75 octets. It carries no iTIP
     * method: it is a file to add to one's calendar or a feed to subscribe to, not a scheduling message (RFC 5546
     * would want an organiser in PUBLISH and REQUEST, and no attendees in PUBLISH).
     */
    public static String write(String product, List<Event> events) {
        return fold(Biweekly.write(calendar(product, events)).foldLines(false).go());
    }

    /**
     * {@link #write} as an iTIP scheduling message (RFC 5546 {@code METHOD:REQUEST}, the form mail clients show
     * as an invitation to accept): each event names {@code organizer}, who sends it, besides its attendees.
     */
    public static String request(String product, List<Event> events, Invitee organizer) {
        ICalendar ical = calendar(product, events);
        ical.setMethod(biweekly.property.Method.request());
        for (VEvent v : ical.getEvents()) {
            v.setOrganizer(new biweekly.property.Organizer(param(organizer.name()), organizer.email()));
        }
        return fold(Biweekly.write(ical).foldLines(false).go());
    }

    private static ICalendar calendar(String product, List<Event> events) {
        ICalendar ical = new ICalendar();
        ical.setProductId(product);
        ical.setCalendarScale(CalendarScale.gregorian());
        for (Event e : events) {
            VEvent v = new VEvent();
            v.setUid(e.uid());
            v.setDateTimeStamp(Date.from(e.stamp()));
            v.setDateStart(Date.from(e.start()), true);
            v.setDateEnd(Date.from(e.end()), true);
            v.setSummary(e.summary());
            if (e.description() != null) {
                v.setDescription(e.description());
            }
            if (e.location() != null) {
                v.setLocation(e.location());
            }
            if (e.url() != null) {
                v.setUrl(e.url());
            }
            for (Invitee i : e.invitees()) {
                // a parameter value may hold neither quotes nor line breaks (RFC 5545 §3.2)
                Attendee a = new Attendee(param(i.name()), i.email());
                a.setRole(biweekly.parameter.Role.ATTENDEE);
                a.setParticipationStatus(ParticipationStatus.NEEDS_ACTION);
                v.addAttendee(a);
            }
            ical.addEvent(v);
        }
        return ical;
    }

    /**
     * Folds each content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1). biweekly folds at 75
     * characters, which is longer than 75 octets as soon as a line holds accents or CJK text.
     */
    static String fold(String ics) {
        StringBuilder out = new StringBuilder(ics.length() + ics.length() / 40);
        for (String line : ics.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + len > 75) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += len;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String param(String s) {
        return s == null ? null : s.replace('"', '\'').replaceAll("[\\r\\n]+", " ");
    }
}
