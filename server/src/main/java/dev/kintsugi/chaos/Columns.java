package dev.kintsugi.chaos;

import java.util.Arrays;
import java.util.List;

/** How the chaos repositories write columns: lists as comma-separated text, text cut to its column. */
final class Columns {
    private Columns() {}

    static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    static List<String> list(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
