package dev.kintsugi.insights.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The geometry of the page's server-rendered SVG charts (templates/insights/charts.html draws them). Series are
 * told apart by a fill pattern and a grey level as well as a colour, and every bar carries its figure as text, so a
 * chart reads without colour; each chart has its table next to it.
 */
final class Charts {
    static final int HEIGHT = 200;
    static final int TOP = 18;
    static final int BOTTOM = 30;
    static final int LEFT = 8;

    private Charts() {}

    /** One stacked column: its x, width, label, total text and segments. */
    record Column(double x, double width, String label, String total, double totalY, List<Segment> segments) {}

    record Segment(double y, double height, int series, String value) {}

    record Stacked(int width, int height, int baseline, List<Column> columns, List<String> series, boolean empty) {}

    /**
     * Columns of stacked values ({@code values.get(i).get(s)}: column i, series s), scaled to the largest total;
     * {@code totalText} writes a column's total.
     */
    static Stacked stacked(
            List<String> labels, List<List<Double>> values, List<String> series, Function<Double, String> totalText) {
        int n = labels.size();
        double slot = n == 0 ? 40 : Math.max(16, Math.min(48, 720.0 / n));
        int width = (int) Math.ceil(LEFT * 2 + slot * Math.max(n, 1));
        int baseline = HEIGHT - BOTTOM;
        double max = 0;
        for (List<Double> v : values) {
            max = Math.max(max, v.stream().mapToDouble(Double::doubleValue).sum());
        }
        int every = (int) Math.ceil(n / 12.0);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double y = baseline;
            double total = 0;
            List<Segment> segments = new ArrayList<>();
            for (int s = 0; s < values.get(i).size(); s++) {
                double v = values.get(i).get(s);
                if (v <= 0) {
                    continue;
                }
                double h = max == 0 ? 0 : (baseline - TOP) * v / max;
                y -= h;
                total += v;
                segments.add(new Segment(y, h, s, trim(v)));
            }
            columns.add(new Column(
                    x,
                    w,
                    i % every == 0 ? labels.get(i) : "",
                    total > 0 ? totalText.apply(total) : "",
                    y - 4,
                    segments));
        }
        return new Stacked(width, HEIGHT, baseline, columns, series, max == 0);
    }

    /** One horizontal bar: label, length as a share of the longest (0–100), and its figure as text. */
    record Bar(String label, double percent, String text) {}

    static List<Bar> bars(List<String> labels, List<Double> values, Function<Double, String> text, Double scaleMax) {
        double max = scaleMax != null
                ? scaleMax
                : values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double v = values.get(i);
            bars.add(new Bar(labels.get(i), max == 0 ? 0 : Math.min(100, 100 * v / max), text.apply(v)));
        }
        return bars;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
