package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.OnCallShift;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Shifts laid out by day in the viewer's zone: the schedule page's calendar and the editor's preview. */
final class CalendarDays {
    static final int DAYS = 14;

    private CalendarDays() {}

    record Day(LocalDate date, List<OnCallShift> shifts) {}

    /** The first instant of the calendar: the start of today in {@code zone}. */
    static Instant from(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    static Instant to(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().plusDays(DAYS).atStartOfDay(zone).toInstant();
    }

    static List<Day> days(List<OnCallShift> shifts, Instant now, ZoneId zone) {
        LocalDate first = now.atZone(zone).toLocalDate();
        List<Day> out = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            LocalDate d = first.plusDays(i);
            Instant a = d.atStartOfDay(zone).toInstant();
            Instant b = d.plusDays(1).atStartOfDay(zone).toInstant();
            out.add(new Day(
                    d,
                    shifts.stream()
                            .filter(x -> x.start().isBefore(b) && x.end().isAfter(a))
                            .toList()));
        }
        return out;
    }
}
