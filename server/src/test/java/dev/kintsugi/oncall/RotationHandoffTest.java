package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Handoffs keep their local time across DST in Europe/Paris and America/New_York; layers and overrides resolve. */
class RotationHandoffTest {

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs()
                .between(
                        LocalDate.of(2024, 1, 1).toEpochDay(),
                        LocalDate.of(2028, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Property(tries = 1000)
    void dailyAndWeeklyTurnsHandOffAtTheSameLocalTimeAcrossDst(
            @ForAll("zones") ZoneId zone,
            @ForAll("dates") LocalDate first,
            @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 1, max = 3) int length,
            @ForAll @IntRange(min = 0, max = 400) int turn,
            @ForAll boolean weekly) {
        Rotation r = rotation(
                zone, first.atTime(hour, 0), weekly ? Rotation.ShiftUnit.WEEKS : Rotation.ShiftUnit.DAYS, length);
        Rotation.Turn t = r.turn(turn);
        LocalDateTime expectedLocal = first.atTime(hour, 0).plusDays((long) turn * length * (weekly ? 7 : 1));
        assertThat(t.start()).isEqualTo(ZonedDateTime.of(expectedLocal, zone).toInstant());
        assertThat(t.username()).isEqualTo(r.participants().get(turn % 3));
        // every instant of the turn resolves to it, and the one just before belongs to the previous turn
        Instant mid = t.start().plus(Duration.between(t.start(), t.end()).dividedBy(2));
        assertThat(r.turnAt(t.start()).orElseThrow().index()).isEqualTo(turn);
        assertThat(r.turnAt(mid).orElseThrow().index()).isEqualTo(turn);
        assertThat(r.turnAt(t.end().minusSeconds(1)).orElseThrow().index()).isEqualTo(turn);
        if (turn > 0) {
            assertThat(r.turnAt(t.start().minusSeconds(1)).orElseThrow().index())
                    .isEqualTo(turn - 1);
        }
        // a turn is its nominal length, give or take the DST hour it spans
        Duration nominal = Duration.ofDays((long) length * (weekly ? 7 : 1));
        assertThat(Duration.between(t.start(), t.end()).minus(nominal).abs()).isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Property(tries = 500)
    void hourTurnsAreFixedLengthsOfRealTime(
            @ForAll("zones") ZoneId zone,
            @ForAll("dates") LocalDate first,
            @ForAll @IntRange(min = 1, max = 12) int hours,
            @ForAll @IntRange(min = 0, max = 2000) int turn) {
        Rotation r = rotation(zone, first.atTime(8, 0), Rotation.ShiftUnit.HOURS, hours);
        Rotation.Turn t = r.turn(turn);
        assertThat(Duration.between(t.start(), t.end())).isEqualTo(Duration.ofHours(hours));
        assertThat(r.turnAt(t.start()).orElseThrow().index()).isEqualTo(turn);
    }

    @Test
    void theSpringChangeInParisMakesTheTurnAnHourShorterButTheHandoffStaysAtNine() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Rotation r = rotation(paris, LocalDateTime.of(2026, 3, 28, 9, 0), Rotation.ShiftUnit.DAYS, 1);
        Rotation.Turn saturday = r.turn(0);
        assertThat(Duration.between(saturday.start(), saturday.end())).isEqualTo(Duration.ofHours(23));
        assertThat(saturday.end().atZone(paris).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void aHigherLayerWinsInsideItsRestrictionAndAnOverrideFollowsTheRotation() {
        ZoneId ny = ZoneId.of("America/New_York");
        Rotation base = new Rotation(
                "base",
                "Base",
                0,
                List.of("ann", "bob"),
                LocalDateTime.of(2026, 11, 2, 9, 0),
                ny,
                Rotation.ShiftUnit.WEEKS,
                1,
                null,
                null,
                null);
        Rotation business = new Rotation(
                "day",
                "Business hours",
                1,
                List.of("cat"),
                LocalDateTime.of(2026, 11, 2, 0, 0),
                ny,
                Rotation.ShiftUnit.DAYS,
                1,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0),
                LocalTime.of(18, 0));
        Instant tuesdayNoon = ZonedDateTime.of(2026, 11, 3, 12, 0, 0, 0, ny).toInstant();
        Instant tuesdayNight = ZonedDateTime.of(2026, 11, 3, 22, 0, 0, 0, ny).toInstant();
        List<Rotation> rotations = List.of(base, business);
        assertThat(ScheduleResolver.onCallAt(rotations, List.of(), tuesdayNoon))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly("cat");
        assertThat(ScheduleResolver.onCallAt(rotations, List.of(), tuesdayNight))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly("ann");

        // dan covers ann's turn that holds Tuesday night
        ScheduleOverride cover =
                new ScheduleOverride(1, 1, "base", "ann", "dan", tuesdayNight, null, null, null, "dan", tuesdayNoon);
        assertThat(ScheduleResolver.onCallAt(rotations, List.of(cover), tuesdayNight))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly("dan");
        // the rotation is edited: bob now goes first, so that week is bob's and the override no longer applies
        Rotation reordered = new Rotation(
                "base",
                "Base",
                0,
                List.of("bob", "ann"),
                base.start(),
                ny,
                Rotation.ShiftUnit.WEEKS,
                1,
                null,
                null,
                null);
        assertThat(ScheduleResolver.onCallAt(List.of(reordered, business), List.of(cover), tuesdayNight))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly("bob");
        // the handoff moves to 10:00: ann still holds Tuesday night, so dan still covers it, whole
        Rotation later = new Rotation(
                "base",
                "Base",
                0,
                List.of("ann", "bob"),
                LocalDateTime.of(2026, 11, 2, 10, 0),
                ny,
                Rotation.ShiftUnit.WEEKS,
                1,
                null,
                null,
                null);
        var shifts = ScheduleResolver.shifts(
                List.of(later),
                List.of(cover),
                ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, ny).toInstant(),
                ZonedDateTime.of(2026, 11, 20, 0, 0, 0, 0, ny).toInstant());
        assertThat(shifts).extracting(OnCallShift::username).containsExactly("dan", "bob", "ann");
        assertThat(shifts.getFirst().start().atZone(ny).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        assertThat(shifts.getFirst().coveredUser()).isEqualTo("ann");
    }

    private static Rotation rotation(ZoneId zone, LocalDateTime start, Rotation.ShiftUnit unit, int length) {
        return new Rotation("r", "R", 0, List.of("ann", "bob", "cat"), start, zone, unit, length, null, null, null);
    }
}
