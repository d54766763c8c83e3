package dev.kintsugi.insights;

import java.util.List;

/** Percentiles of a sorted list, interpolated as SQL's {@code PERCENTILE_CONT} does. */
final class Percentiles {
    private Percentiles() {}

    static Double of(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (rank - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    /** The same over the first {@code size} values of a sorted array. */
    static Double of(long[] sorted, int size, double p) {
        if (size == 0) {
            return null;
        }
        double rank = p * (size - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
