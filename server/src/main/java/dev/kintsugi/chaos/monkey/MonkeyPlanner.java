package dev.kintsugi.chaos.monkey;

import dev.kintsugi.platform.calendar.Interval;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Chaos Monkey's daily draw, pure (no storage, no clock): on a working day of {@code calendar} (its holidays
 * include the change freezes), each group is chosen with probability {@code 1 / (mean − min + 1)} and, when chosen,
 * given a uniformly random minute inside the day's working hours; a group whose previous termination is fewer
 * than {@code min} working days before the day is not drawn at all.
 *
 * <p>Netflix draws with {@code 1 / mean} and then drops the terminations that come too soon after the previous
 * one, so its real frequency falls below {@code 1 / mean} when {@code min > 1}. Here the days the minimum blocks
 * are compensated: after a termination {@code min − 1} working days are blocked, then the wait is geometric with
 * {@code p = 1 / (mean − min + 1)}, so the mean time between terminations is exactly {@code mean} working days.
 * With {@code min ≤ 1} (the fixtures' 1) this is Netflix's {@code 1 / mean}.
 */
public final class MonkeyPlanner {
    private MonkeyPlanner() {}

    /** When a group's termination is planned. */
    public record Planned(String group, java.time.Instant at) {}

    /** Why a rule is broken: {@code mean ≥ 1}, {@code 0 ≤ min ≤ mean}. */
    public static Optional<String> invalid(int mean, int min) {
        if (mean < 1) {
            return Optional.of("meanTimeBetweenKillsInWorkDays");
        }
        if (min < 0 || min > mean) {
            return Optional.of("minTimeBetweenKillsInWorkDays");
        }
        return Optional.empty();
    }

    /** The chance that an eligible group is drawn on a working day. */
    public static double probability(int mean, int min) {
        return 1.0 / (mean - Math.max(min, 1) + 1);
    }

    /**
     * The plan of {@code day} for {@code groups}, in order of time. {@code last} gives the local date of each
     * group's previous termination (absent: none).
     */
    public static List<Planned> plan(
            LocalDate day,
            List<String> groups,
            WorkCalendar calendar,
            int mean,
            int min,
            Map<String, LocalDate> last,
            RandomGenerator random) {
        invalid(mean, min).ifPresent(f -> {
            throw new IllegalArgumentException(f);
        });
        List<Planned> out = new ArrayList<>();
        Optional<Interval> hours = calendar.workingHours(day);
        if (hours.isEmpty()) {
            return out;
        }
        long minutes = hours.get().duration().toMinutes();
        if (minutes < 1) {
            return out;
        }
        double p = probability(mean, min);
        for (String g : groups) {
            // draw for every group, eligible or not, so that one group's history never shifts another's draw
            double draw = random.nextDouble();
            long minute = random.nextLong(minutes);
            LocalDate previous = last.get(g);
            if (previous != null && !atLeast(calendar, previous, day, Math.max(min, 1))) {
                continue;
            }
            if (draw < p) {
                out.add(new Planned(g, hours.get().start().plus(Duration.ofMinutes(minute))));
            }
        }
        out.sort(java.util.Comparator.comparing(Planned::at));
        return out;
    }

    /** Whether there are at least {@code n} working days in {@code (from, to]}. */
    public static boolean atLeast(WorkCalendar calendar, LocalDate from, LocalDate to, int n) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to) && count < n; d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                count++;
            }
            if (d.isAfter(from.plusDays(3700))) {
                break;
            }
        }
        return count >= n;
    }

    /** Working days in {@code (from, to]} (for tests and the page). */
    public static int workingDaysBetween(WorkCalendar calendar, LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** A reproducible generator for one service and day of a seeded monkey. */
    public static RandomGenerator seeded(long seed, long serviceId, LocalDate day) {
        long mixed = seed;
        mixed = mixed * 0x9E3779B97F4A7C15L + serviceId;
        mixed = mixed * 0x9E3779B97F4A7C15L + day.toEpochDay();
        return new java.util.SplittableRandom(mixed);
    }
}
