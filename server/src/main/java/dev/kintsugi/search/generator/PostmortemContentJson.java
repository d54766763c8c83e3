package dev.kintsugi.search.generator;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A post-mortem revision's content as {@code PostmortemContent} JSON (what readers of a published review see). */
final class PostmortemContentJson {
    private PostmortemContentJson() {}

    /** Factors are {@code {category, description}}, decisions {@code {decision, whyItMadeSense}}. */
    static String of(
            String title,
            String severity,
            String facilitator,
            String owner,
            String summary,
            String impact,
            String wentWell,
            String wasHard,
            String lucky,
            String detection,
            Set<String> participants,
            List<String> tags,
            String service,
            List<String[]> factors,
            List<String[]> decisions) {
        StringBuilder b = new StringBuilder(2048).append('{');
        field(b, "title", title).append(',');
        field(b, "severity", severity).append(",\"scheduled\":false,");
        field(b, "facilitator", facilitator).append(',');
        field(b, "owner", owner).append(',');
        field(b, "summary", summary).append(',');
        field(b, "customerImpact", impact).append(',');
        field(b, "wentWell", wentWell).append(',');
        field(b, "wasHard", wasHard).append(',');
        field(b, "gotLucky", lucky.isEmpty() ? null : lucky).append(',');
        field(b, "detection", detection).append(",\"participants\":");
        array(b, participants).append(",\"tags\":");
        array(b, tags).append(",\"services\":");
        array(b, List.of(service)).append(",\"factors\":[");
        for (int i = 0; i < factors.size(); i++) {
            b.append(i == 0 ? "{" : ",{");
            field(b, "category", factors.get(i)[0]).append(',');
            field(b, "description", factors.get(i)[1]).append('}');
        }
        b.append("],\"decisions\":[");
        for (int i = 0; i < decisions.size(); i++) {
            b.append(i == 0 ? "{" : ",{");
            field(b, "decision", decisions.get(i)[0]).append(',');
            field(b, "whyItMadeSense", decisions.get(i)[1]).append('}');
        }
        return b.append("],\"links\":[]}").toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        return value == null ? b.append("null") : quote(b, value);
    }

    private static StringBuilder array(StringBuilder b, Collection<String> values) {
        b.append('[');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                b.append(',');
            }
            quote(b, v);
            first = false;
        }
        return b.append(']');
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"');
    }
}
