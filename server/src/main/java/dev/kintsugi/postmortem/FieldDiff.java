package dev.kintsugi.postmortem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** How one field differs between two revisions, with a line-by-line diff for long text. */
public record FieldDiff(String field, String before, String after, List<Line> lines) {

    public enum Change {
        SAME,
        ADDED,
        REMOVED
    }

    public record Line(Change change, String text) {}

    /** A line diff (longest common subsequence) of two texts. */
    static FieldDiff of(String field, String before, String after) {
        String a = before == null ? "" : before;
        String b = after == null ? "" : after;
        String[] x = a.isEmpty() ? new String[0] : a.split("\n", -1);
        String[] y = b.isEmpty() ? new String[0] : b.split("\n", -1);
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i].equals(y[j])) {
                lines.add(new Line(Change.SAME, x[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                lines.add(new Line(Change.REMOVED, x[i++]));
            } else {
                lines.add(new Line(Change.ADDED, y[j++]));
            }
        }
        while (i < x.length) {
            lines.add(new Line(Change.REMOVED, x[i++]));
        }
        while (j < y.length) {
            lines.add(new Line(Change.ADDED, y[j++]));
        }
        return new FieldDiff(field, before, after, lines);
    }

    /** Field-by-field differences between two contents; unchanged fields are left out. */
    static List<FieldDiff> between(PostmortemContent a, PostmortemContent b) {
        Map<String, String> before = flatten(a);
        Map<String, String> after = flatten(b);
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldDiff> diffs = new ArrayList<>();
        for (String f : fields) {
            String x = before.get(f);
            String y = after.get(f);
            if (!Objects.equals(x, y)) {
                diffs.add(of(f, x, y));
            }
        }
        return diffs;
    }

    /** The names of the fields that differ, in reading order. */
    static List<String> changedFields(PostmortemContent a, PostmortemContent b) {
        Map<String, String> before = flatten(a);
        Map<String, String> after = flatten(b);
        return before.keySet().stream()
                .filter(f -> !Objects.equals(before.get(f), after.get(f)))
                .toList();
    }

    /** Every field of a content as text, in reading order. */
    static Map<String, String> flatten(PostmortemContent c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", c.title());
        m.put("severity", c.severity());
        m.put("scheduled", String.valueOf(c.scheduled()));
        m.put("facilitator", c.facilitator());
        m.put("owner", c.owner());
        m.put("summary", c.summary());
        m.put("customerImpact", c.customerImpact());
        m.put("wentWell", c.wentWell());
        m.put("wasHard", c.wasHard());
        m.put("gotLucky", c.gotLucky());
        m.put("detection", c.detection());
        m.put("participants", String.join("\n", c.participants()));
        m.put("tags", String.join("\n", c.tags()));
        m.put("services", String.join("\n", c.services()));
        m.put(
                "factors",
                String.join(
                        "\n",
                        c.factors().stream()
                                .map(f -> f.category() + ": " + f.description())
                                .toList()));
        m.put(
                "decisions",
                String.join(
                        "\n",
                        c.decisions().stream()
                                .map(d -> d.decision() + " — why it made sense: "
                                        + (d.whyItMadeSense() == null ? "" : d.whyItMadeSense()))
                                .toList()));
        m.put(
                "links",
                String.join(
                        "\n",
                        c.links().stream()
                                .map(l -> l.kind() + " " + l.title() + " " + l.url())
                                .toList()));
        return m;
    }
}
