package dev.kintsugi.incident.web;

import dev.kintsugi.incident.MonthlyCount;
import dev.kintsugi.incident.Severity;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/** A stacked bar chart of incidents per month and severity, as inline SVG (no script, no external library). */
final class TrendChart {
    private static final String[] COLORS = {"#b42318", "#d9480f", "#c98a04", "#2f6fb3", "#5b6473"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 30;
    private static final int BOTTOM = 24;
    private static final int TOP = 10;
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("LLLL yyyy");

    private TrendChart() {}

    /**
     * {@code locale}: the month names' language; {@code label}: the chart's accessible name (already in it). Text
     * is escaped: the label comes from a bundle, but nothing unescaped reaches the page.
     */
    static String render(List<MonthlyCount> months, Locale locale, String label) {
        int max =
                Math.max(1, months.stream().mapToInt(MonthlyCount::total).max().orElse(1));
        int step = niceStep(max);
        int top = ((max + step - 1) / step) * step;
        double plotH = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT) / (double) Math.max(1, months.size());
        double barW = slot * 0.62;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(label))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int v = 0; v <= top; v += step) {
            double y = TOP + plotH - plotH * v / top;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e0d6\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#6a6f7a\" text-anchor=\"end\">%d</text>",
                    LEFT,
                    WIDTH,
                    y,
                    y,
                    LEFT - 6,
                    y + 3,
                    v));
        }
        for (int i = 0; i < months.size(); i++) {
            MonthlyCount m = months.get(i);
            double x = LEFT + i * slot + (slot - barW) / 2;
            double y = TOP + plotH;
            for (Severity s : Severity.values()) {
                int n = m.count(s);
                if (n == 0) {
                    continue;
                }
                double h = plotH * n / top;
                y -= h;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s · %s · %d</title></rect>",
                        x,
                        y,
                        barW,
                        h,
                        COLORS[s.ordinal()],
                        escape(MONTH_YEAR.withLocale(locale).format(m.month())),
                        s,
                        n));
            }
            String month = m.month().getMonth().getDisplayName(TextStyle.SHORT, locale);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#6a6f7a\" text-anchor=\"middle\">%s</text>",
                    x + barW / 2,
                    HEIGHT - 8,
                    escape(month)));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** Escapes markup only: the page is UTF-8, so letters such as "é" stay as they are. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static int niceStep(int max) {
        if (max <= 5) {
            return 1;
        }
        if (max <= 10) {
            return 2;
        }
        if (max <= 25) {
            return 5;
        }
        return (int) Math.ceil(max / 5.0 / 10) * 10;
    }
}
