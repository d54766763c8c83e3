package dev.kintsugi.platform.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Working time in a time zone: the days of a work week, the hours of a working day and the holidays (whole local
 * days off). A working day runs from {@code dayStart} (inclusive) to {@code dayEnd} (exclusive) in local time;
 * {@code dayEnd} of midnight means the end of the day. Local times that a daylight-saving change skips move
 * forward by the length of the gap and repeated ones take the earlier offset (as {@link ZonedDateTime#of} does),
 * so that a working day is always one interval of real time, 23 or 25 hours long on change days when it spans
 * the change.
 */
public record WorkCalendar(
        ZoneId zone, Set<DayOfWeek> workDays, LocalTime dayStart, LocalTime dayEnd, SortedSet<LocalDate> holidays) {
    /** How far {@link #nextWorkingInstant} looks ahead before deciding there is no working time at all. */
    private static final int SEARCH_DAYS = 3700;

    public WorkCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dayStart, "dayStart");
        Objects.requireNonNull(dayEnd, "dayEnd");
        workDays = workDays == null || workDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workDays));
        holidays = holidays == null ? new TreeSet<>() : new TreeSet<>(holidays);
        if (!dayEnd.equals(LocalTime.MIDNIGHT) && !dayStart.isBefore(dayEnd)) {
            throw new IllegalArgumentException("a working day ends after it starts (or at midnight)");
        }
    }

    /** Monday to Friday, {@code from} to {@code to}, no holidays. */
    public static WorkCalendar weekdays(ZoneId zone, LocalTime from, LocalTime to) {
        return new WorkCalendar(
                zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), from, to, new TreeSet<LocalDate>());
    }

    /** Every hour of every day: the calendar of a team that works around the clock. */
    public static WorkCalendar always(ZoneId zone) {
        return new WorkCalendar(
                zone, EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, new TreeSet<LocalDate>());
    }

    /** The same calendar with these holidays. */
    public WorkCalendar withHolidays(Set<LocalDate> days) {
        return new WorkCalendar(zone, workDays, dayStart, dayEnd, new TreeSet<>(days));
    }

    /** Whether {@code date} is a working day: in the work week and not a holiday. */
    public boolean isWorkingDay(LocalDate date) {
        return workDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    /** The working hours of local {@code date}, if it is a working day. */
    public Optional<Interval> workingHours(LocalDate date) {
        if (!isWorkingDay(date)) {
            return Optional.empty();
        }
        Instant start = ZonedDateTime.of(date, dayStart, zone).toInstant();
        Instant end = dayEnd.equals(LocalTime.MIDNIGHT)
                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, dayEnd, zone).toInstant();
        return start.isBefore(end) ? Optional.of(new Interval(start, end)) : Optional.empty();
    }

    /** Is {@code t} working time in this calendar? */
    public boolean isWorkingTime(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        // a working day's hours may reach into the previous local date only through a DST gap: check both
        return workingHours(date).map(i -> i.contains(t)).orElse(false)
                || workingHours(date.minusDays(1)).map(i -> i.contains(t)).orElse(false);
    }

    /** {@code t} itself when it is working time, else the start of the next working hours; empty if none ever. */
    public Optional<Instant> nextWorkingInstant(Instant t) {
        if (isWorkingTime(t)) {
            return Optional.of(t);
        }
        LocalDate date = t.atZone(zone).toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++) {
            Optional<Interval> hours = workingHours(date.plusDays(i));
            if (hours.isPresent() && hours.get().end().isAfter(t)) {
                Instant start = hours.get().start();
                return Optional.of(start.isAfter(t) ? start : t);
            }
        }
        return Optional.empty();
    }

    /** The first instant after {@code t} (or {@code t} itself) that is not working time. */
    public Instant nextOffInstant(Instant t) {
        Instant at = t;
        for (int i = 0; i < SEARCH_DAYS && isWorkingTime(at); i++) {
            LocalDate date = at.atZone(zone).toLocalDate();
            Instant a = at;
            at = workingHours(date)
                    .filter(h -> h.contains(a))
                    .or(() -> workingHours(date.minusDays(1)).filter(h -> h.contains(a)))
                    .map(Interval::end)
                    .orElse(at);
        }
        return at;
    }

    /** The working intervals within {@code [from, to)}, in order, clipped to the range, touching ones merged. */
    public List<Interval> workingIntervals(Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Optional<Interval> hours = workingHours(d);
            if (hours.isEmpty() || !hours.get().overlaps(from, to)) {
                continue;
            }
            Instant s = hours.get().start().isBefore(from) ? from : hours.get().start();
            Instant e = hours.get().end().isAfter(to) ? to : hours.get().end();
            if (!out.isEmpty() && !out.getLast().end().isBefore(s)) {
                Interval prev = out.removeLast();
                out.add(new Interval(prev.start(), e.isAfter(prev.end()) ? e : prev.end()));
            } else {
                out.add(new Interval(s, e));
            }
        }
        return out;
    }
}
