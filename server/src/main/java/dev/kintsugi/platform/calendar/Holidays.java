package dev.kintsugi.platform.calendar;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.ICalDate;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedSet;
import java.util.TimeZone;
import java.util.TreeSet;

/**
 * Holidays read from an iCalendar file (the public-holiday calendars that calendar applications publish): each
 * {@code VEVENT}'s days, from {@code DTSTART} to {@code DTEND} exclusive (one day when it has no end), repeated by
 * its {@code RRULE} within the years asked for. All-day events are what these calendars hold; an event with a time
 * counts for the date it starts on, as written.
 */
public final class Holidays {
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    private Holidays() {}

    /** The holidays of {@code ics} falling in the years {@code fromYear} to {@code toYear} inclusive. */
    public static SortedSet<LocalDate> fromICalendar(String ics, int fromYear, int toYear) {
        SortedSet<LocalDate> days = new TreeSet<>();
        List<ICalendar> calendars = Biweekly.parse(ics).all();
        if (calendars.isEmpty()) {
            throw new IllegalArgumentException("not an iCalendar file (no VCALENDAR)");
        }
        LocalDate first = LocalDate.of(fromYear, 1, 1);
        LocalDate last = LocalDate.of(toYear, 12, 31);
        for (ICalendar cal : calendars) {
            for (VEvent e : cal.getEvents()) {
                if (e.getDateStart() == null) {
                    continue;
                }
                LocalDate start = local(e.getDateStart().getValue());
                int length = 1;
                if (e.getDateEnd() != null) {
                    length = (int) Math.max(
                            1,
                            java.time.temporal.ChronoUnit.DAYS.between(
                                    start, local(e.getDateEnd().getValue())));
                }
                if (e.getRecurrenceRule() == null) {
                    add(days, start, length, first, last);
                    continue;
                }
                DateIterator it = e.getDateIterator(UTC);
                int guard = 0;
                while (it.hasNext() && guard++ < 100_000) {
                    LocalDate d = it.next().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                    if (d.isAfter(last)) {
                        break;
                    }
                    add(days, d, length, first, last);
                }
            }
        }
        return days;
    }

    private static void add(SortedSet<LocalDate> days, LocalDate start, int length, LocalDate first, LocalDate last) {
        for (int i = 0; i < length; i++) {
            LocalDate d = start.plusDays(i);
            if (!d.isBefore(first) && !d.isAfter(last)) {
                days.add(d);
            }
        }
    }

    private static LocalDate local(ICalDate date) {
        var raw = date.getRawComponents();
        if (raw != null) {
            return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
        }
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
