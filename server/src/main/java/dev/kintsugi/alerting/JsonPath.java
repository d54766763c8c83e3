package dev.kintsugi.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The part of JSONPath a field mapping needs: a root {@code $} followed by member names ({@code .name} or
 * {@code ['any name']}) and array indices ({@code [0]}). No filters or wildcards: one path names one value.
 */
public final class JsonPath {
    private static final Pattern STEP =
            Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d{1,6})\\]");
    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying where it stops making sense. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a JSONPath starts with $");
        }
        if (text.length() > 300) {
            throw new IllegalArgumentException("a JSONPath has at most 300 characters");
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(
                        "unsupported JSONPath at character " + (at + 1) + " (use $.name, $['name'] and [index])");
            }
            if (m.group(1) != null) {
                steps.add(m.group(1));
            } else if (m.group(2) != null) {
                steps.add(m.group(2).replace("\\'", "'").replace("\\\\", "\\"));
            } else {
                steps.add(Integer.parseInt(m.group(3)));
            }
            at = m.end();
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /** The value at this path, or null when any step is missing. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer i ? (node.isArray() ? node.get(i) : null) : node.get((String) step);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    @Override
    public String toString() {
        return text;
    }
}
