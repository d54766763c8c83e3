package dev.kintsugi.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Uptime from impact windows (pure). A window is a published incident's impact on a component: from its impact
 * start (else detection, else declaration) to its mitigation (else resolution, else now), with the state it gave.
 * As Atlassian Statuspage counts it, a major outage is down time, a partial outage counts 30 % of its duration,
 * degraded performance and maintenance do not count; a day's down time is capped at the day.
 */
public final class Uptime {
    static final double PARTIAL_WEIGHT = 0.3;

    private Uptime() {}

    /** One incident's impact on one component. */
    public record Window(long incidentId, String title, Instant from, Instant to, ComponentState state) {}

    /** One day of the bar: its date, the worst state in it, its down time, the incidents that touched it. */
    public record Day(LocalDate date, ComponentState worst, Duration down, List<Window> incidents) {
        public boolean quiet() {
            return incidents.isEmpty();
        }
    }

    /** The last {@code days} days up to and including today (in {@code zone}), oldest first. */
    public static List<Day> days(Collection<Window> windows, Instant now, ZoneId zone, int days) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Day> out = new ArrayList<>(days);
        for (int i = days - 1; i >= 0; i--) {
            LocalDate date = today.minusDays(i);
            Instant start = date.atStartOfDay(zone).toInstant();
            Instant end = min(date.plusDays(1).atStartOfDay(zone).toInstant(), now);
            ComponentState worst = ComponentState.OPERATIONAL;
            double downSeconds = 0;
            List<Window> touching = new ArrayList<>();
            for (Window w : windows) {
                Instant to = w.to() == null ? now : w.to();
                boolean overlaps = w.from().isBefore(end) && to.isAfter(start);
                boolean instantInside = !w.from().isBefore(start) && w.from().isBefore(end);
                if (!overlaps && !instantInside) {
                    continue;
                }
                Instant a = max(w.from(), start);
                Instant b = max(a, min(to, end));
                touching.add(w);
                worst = worst.worse(w.state());
                downSeconds += weight(w.state()) * Duration.between(a, b).toSeconds();
            }
            long dayLength = Math.max(0, Duration.between(start, end).toSeconds());
            out.add(new Day(date, worst, Duration.ofSeconds((long) Math.min(downSeconds, dayLength)), touching));
        }
        return out;
    }

    /** The uptime in per cent over the last {@code n} of these days (100 when they are empty). */
    public static double percent(List<Day> days, int n, Instant now, ZoneId zone) {
        List<Day> last = days.subList(Math.max(0, days.size() - n), days.size());
        if (last.isEmpty()) {
            return 100.0;
        }
        Instant start = last.getFirst().date().atStartOfDay(zone).toInstant();
        double total = Duration.between(start, now).toSeconds();
        if (total <= 0) {
            return 100.0;
        }
        double down = last.stream().mapToLong(d -> d.down().toSeconds()).sum();
        return Math.max(0, 100.0 * (1 - down / total));
    }

    static double weight(ComponentState state) {
        return switch (state) {
            case MAJOR_OUTAGE -> 1.0;
            case PARTIAL_OUTAGE -> PARTIAL_WEIGHT;
            default -> 0.0;
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
