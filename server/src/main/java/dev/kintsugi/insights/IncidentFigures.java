package dev.kintsugi.insights;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures and the trend of a filter's incidents, gathered in one pass over their rows (one query for
 * both, primitive arrays rather than a row object each: a year of a large organisation's incidents stays small).
 * Means and percentiles are computed as the SQL aggregates {@code AVG} and {@code PERCENTILE_CONT} would.
 */
final class IncidentFigures {
    private final Values[] metrics = new Values[Metric.values().length];
    private final Insights.Granularity granularity;
    private final ZoneId zone;
    private final Map<LocalDate, Bucket> buckets = new LinkedHashMap<>();
    private long total;

    /** {@code granularity} null: the headline figures only. */
    IncidentFigures(Insights.Granularity granularity, ZoneId zone) {
        this.granularity = granularity;
        this.zone = zone;
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = new Values();
        }
    }

    /** Lays out the empty buckets of a period first, so that weeks without incidents show as 0. */
    void period(Instant from, Instant to) {
        if (granularity == null || from == null || to == null) {
            return;
        }
        for (LocalDate d = Insights.bucketStart(from, granularity, zone);
                d.atStartOfDay(zone).toInstant().isBefore(to);
                d = granularity == Insights.Granularity.WEEK ? d.plusWeeks(1) : d.plusMonths(1)) {
            buckets.put(d, new Bucket());
        }
    }

    /** One incident: its declaration, severity and each metric's seconds ({@code null}: a milestone missing). */
    void add(Instant declared, Severity severity, Long[] seconds) {
        total++;
        for (int i = 0; i < metrics.length; i++) {
            if (seconds[i] != null) {
                metrics[i].add(seconds[i]);
            }
        }
        if (granularity != null) {
            Bucket b = buckets.computeIfAbsent(Insights.bucketStart(declared, granularity, zone), k -> new Bucket());
            b.bySeverity.merge(severity, 1, Integer::sum);
            b.total++;
            Long resolve = seconds[Metric.RESOLVE.ordinal()];
            if (resolve != null) {
                b.resolve.add(resolve);
            }
        }
    }

    Map<Metric, MetricStats> stats() {
        Map<Metric, MetricStats> stats = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Values v = metrics[m.ordinal()];
            v.sort();
            stats.put(
                    m,
                    new MetricStats(
                            m,
                            v.size,
                            total - v.size,
                            v.size == 0 ? null : (double) v.sum / v.size,
                            v.at(0.5),
                            v.at(0.9)));
        }
        return stats;
    }

    java.util.List<Insights.Bucket> buckets() {
        java.util.List<Insights.Bucket> result = new java.util.ArrayList<>();
        buckets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Bucket b = e.getValue();
            b.resolve.sort();
            result.add(new Insights.Bucket(e.getKey(), b.bySeverity, b.total, b.resolve.at(0.5)));
        });
        return result;
    }

    private static final class Bucket {
        final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        final Values resolve = new Values();
        int total;
    }

    /** A growing array of seconds. */
    private static final class Values {
        long[] values = new long[64];
        int size;
        long sum;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
            sum += v;
        }

        void sort() {
            Arrays.sort(values, 0, size);
        }

        /** The percentile interpolated as {@code PERCENTILE_CONT} does (null when empty); sorted first. */
        Double at(double p) {
            return Percentiles.of(values, size, p);
        }
    }
}
