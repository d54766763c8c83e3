package dev.kintsugi.oncall;

import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rotation: {@code participants} take turns, each for {@code length} {@code unit}s, the first shift starting at
 * local {@code start} in {@code zone} (its time of day is the handoff time). Day and week shifts hand off at the
 * same local time every day, across daylight-saving changes (a shift is then 23 or 25 hours long); hour shifts are
 * fixed lengths of real time. With a restriction (days of the week and hours, e.g. weekdays 09–18) the rotation
 * has someone on call only inside it; the turns still follow the full shifts. {@code layer}: higher layers win
 * over lower ones wherever they have someone on call.
 *
 * @param key stable within its schedule: overrides refer to the rotation by it
 */
public record Rotation(
        String key,
        String name,
        int layer,
        List<String> participants,
        LocalDateTime start,
        ZoneId zone,
        ShiftUnit unit,
        int length,
        Set<DayOfWeek> restrictDays,
        LocalTime restrictFrom,
        LocalTime restrictTo) {

    public enum ShiftUnit {
        HOURS,
        DAYS,
        WEEKS
    }

    public Rotation {
        participants = List.copyOf(participants);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a rotation has participants");
        }
        if (length < 1) {
            throw new IllegalArgumentException("a shift lasts at least one " + unit);
        }
        restrictDays = restrictDays == null || restrictDays.isEmpty() ? Set.of() : Set.copyOf(restrictDays);
    }

    /** One turn of one participant, {@code [start, end)}. */
    public record Turn(int index, String username, Instant start, Instant end) {}

    public boolean restricted() {
        return !restrictDays.isEmpty() || restrictFrom != null;
    }

    /** The restriction as a calendar (every day, all day when none). */
    public WorkCalendar restriction() {
        if (!restricted()) {
            return WorkCalendar.always(zone);
        }
        Set<DayOfWeek> days = restrictDays.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : restrictDays;
        LocalTime from = restrictFrom == null ? LocalTime.MIDNIGHT : restrictFrom;
        LocalTime to = restrictTo == null ? LocalTime.MIDNIGHT : restrictTo;
        return new WorkCalendar(zone, days, from, to, new TreeSet<>());
    }

    /** When turn {@code k} starts (k may be negative: before the first turn, nobody is on call). */
    public Instant turnStart(long k) {
        return switch (unit) {
            case HOURS -> ZonedDateTime.of(start, zone).toInstant().plus(Duration.ofHours(k * length));
            case DAYS -> ZonedDateTime.of(start.plusDays(k * length), zone).toInstant();
            case WEEKS -> ZonedDateTime.of(start.plusWeeks(k * length), zone).toInstant();
        };
    }

    /** The turn that holds {@code t}, ignoring the restriction; empty before the rotation starts. */
    public Optional<Turn> turnAt(Instant t) {
        Instant first = turnStart(0);
        if (t.isBefore(first)) {
            return Optional.empty();
        }
        long k = switch (unit) {
            case HOURS -> Duration.between(first, t).toHours() / length;
            case DAYS -> ChronoUnit.DAYS.between(start, t.atZone(zone).toLocalDateTime()) / length;
            case WEEKS -> ChronoUnit.DAYS.between(start, t.atZone(zone).toLocalDateTime()) / (7L * length);
        };
        while (k > 0 && turnStart(k).isAfter(t)) {
            k--;
        }
        while (!turnStart(k + 1).isAfter(t)) {
            k++;
        }
        return Optional.of(turn(k));
    }

    public Turn turn(long k) {
        int index = (int) Math.floorMod(k, (long) participants.size());
        return new Turn((int) k, participants.get(index), turnStart(k), turnStart(k + 1));
    }

    /** Whether the rotation has someone on call at {@code t}: it has started and the restriction allows it. */
    public Optional<Turn> onCallAt(Instant t) {
        return turnAt(t).filter(x -> !restricted() || restriction().isWorkingTime(t));
    }
}
