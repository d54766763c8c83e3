package dev.kintsugi.postmortem;

import java.util.List;

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
        List<Line> lines = new java.util.ArrayList<>();
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
}
