package dev.kintsugi.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Working time, next working instant and intervals, as properties over many instants across DST changes. */
class WorkCalendarTest {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"));

    @Provide
    Arbitrary<Instant> instants() {
        // 2024-2027: eight DST changes per zone, and dense samples around the change days
        Arbitrary<Instant> anywhere = Arbitraries.longs()
                .between(
                        Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2027-12-31T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Instant> nearChanges = Arbitraries.of(
                        "2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z", "2025-03-09T07:00:00Z", "2025-11-02T06:00:00Z")
                .flatMap(c -> Arbitraries.longs()
                        .between(-36 * 3600, 36 * 3600)
                        .map(d -> Instant.parse(c).plusSeconds(d)));
        return Arbitraries.oneOf(anywhere, nearChanges);
    }

    @Provide
    Arbitrary<WorkCalendar> calendars() {
        Arbitrary<ZoneId> zone = Arbitraries.of(ZONES);
        Arbitrary<EnumSet<DayOfWeek>> weeks = Arbitraries.of(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                EnumSet.of(
                        DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                EnumSet.allOf(DayOfWeek.class));
        Arbitrary<int[]> hours = Arbitraries.integers()
                .between(0, 22)
                .flatMap(s -> Arbitraries.integers().between(s + 1, 24).map(e -> new int[] {s, e}));
        return net.jqwik.api.Combinators.combine(zone, weeks, hours)
                .as((z, w, h) -> new WorkCalendar(
                        z,
                        w,
                        LocalTime.of(h[0], 0),
                        h[1] == 24 ? LocalTime.MIDNIGHT : LocalTime.of(h[1], 0),
                        new TreeSet<>(List.of(LocalDate.of(2025, 12, 25), LocalDate.of(2026, 1, 1)))));
    }

    @Property(tries = 2000)
    void workingTimeIsWhatTheLocalClockSays(@ForAll("calendars") WorkCalendar c, @ForAll("instants") Instant t) {
        ZonedDateTime local = t.atZone(c.zone());
        LocalTime time = local.toLocalTime();
        boolean afterStart = !time.isBefore(c.dayStart());
        boolean beforeEnd = c.dayEnd().equals(LocalTime.MIDNIGHT) || time.isBefore(c.dayEnd());
        boolean expected = c.isWorkingDay(local.toLocalDate()) && afterStart && beforeEnd;
        assertThat(c.isWorkingTime(t)).as("%s in %s", local, c).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void theNextWorkingInstantIsWorkingAndNothingBeforeItIs(
            @ForAll("calendars") WorkCalendar c, @ForAll("instants") Instant t) {
        Instant next = c.nextWorkingInstant(t).orElseThrow();
        assertThat(next).isAfterOrEqualTo(t);
        assertThat(c.isWorkingTime(next)).isTrue();
        // nothing in between is working time: check on every quarter hour (calendars here start on the hour)
        for (Instant i = t; i.isBefore(next); i = i.plus(Duration.ofMinutes(15))) {
            assertThat(c.isWorkingTime(i)).as("%s before %s", i, next).isFalse();
        }
        if (!next.equals(t)) {
            // a day start the spring change skips moves forward by the gap, as ZonedDateTime.of does
            LocalDate day = next.atZone(c.zone()).toLocalDate();
            assertThat(next)
                    .isEqualTo(ZonedDateTime.of(day, c.dayStart(), c.zone()).toInstant());
        }
    }

    @Property(tries = 500)
    void intervalsHoldExactlyTheWorkingTime(@ForAll("calendars") WorkCalendar c, @ForAll("instants") Instant from) {
        Instant to = from.plus(Duration.ofDays(9));
        List<Interval> intervals = c.workingIntervals(from, to);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).start()).isAfter(intervals.get(i - 1).end());
        }
        for (Instant i = from; i.isBefore(to); i = i.plus(Duration.ofMinutes(30))) {
            Instant at = i;
            assertThat(intervals.stream().anyMatch(x -> x.contains(at)))
                    .as("%s", at.atZone(c.zone()))
                    .isEqualTo(c.isWorkingTime(at));
        }
    }

    @Test
    void aSundayToThursdayWeekWorksOnSundayAndRestsOnFriday() {
        ZoneId jerusalem = ZoneId.of("Asia/Jerusalem");
        WorkCalendar c = new WorkCalendar(
                jerusalem,
                EnumSet.of(
                        DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(9, 0),
                LocalTime.of(18, 0),
                new TreeSet<>());
        Instant friday = ZonedDateTime.of(2026, 3, 6, 10, 0, 0, 0, jerusalem).toInstant();
        Instant sunday = ZonedDateTime.of(2026, 3, 8, 9, 0, 0, 0, jerusalem).toInstant();
        assertThat(c.isWorkingTime(friday)).isFalse();
        assertThat(c.nextWorkingInstant(friday)).contains(sunday);
    }

    @Test
    void aWorkingDayAcrossTheSpringChangeIsAnHourShorter() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        WorkCalendar c = WorkCalendar.always(paris);
        List<Interval> day = c.workingIntervals(
                ZonedDateTime.of(2026, 3, 29, 0, 0, 0, 0, paris).toInstant(),
                ZonedDateTime.of(2026, 3, 30, 0, 0, 0, 0, paris).toInstant());
        assertThat(day).hasSize(1);
        assertThat(day.getFirst().duration()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void holidaysComeFromAnICalendarFileWithYearlyRules() {
        String ics = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//test//holidays//EN\r
                BEGIN:VEVENT\r
                UID:xmas@test\r
                DTSTAMP:20240101T000000Z\r
                DTSTART;VALUE=DATE:20241225\r
                DTEND;VALUE=DATE:20241226\r
                RRULE:FREQ=YEARLY\r
                SUMMARY:Christmas\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:bridge@test\r
                DTSTAMP:20240101T000000Z\r
                DTSTART;VALUE=DATE:20260514\r
                DTEND;VALUE=DATE:20260516\r
                SUMMARY:Ascension and bridge\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        var days = Holidays.fromICalendar(ics, 2025, 2026);
        assertThat(days)
                .containsExactly(
                        LocalDate.of(2025, 12, 25),
                        LocalDate.of(2026, 5, 14),
                        LocalDate.of(2026, 5, 15),
                        LocalDate.of(2026, 12, 25));
        WorkCalendar c = WorkCalendar.weekdays(ZoneId.of("Europe/Paris"), LocalTime.of(9, 0), LocalTime.of(18, 0))
                .withHolidays(days);
        assertThat(c.isWorkingDay(LocalDate.of(2026, 5, 14))).isFalse();
        assertThat(c.isWorkingDay(LocalDate.of(2026, 5, 13))).isTrue();
    }
}
