package dev.kintsugi.alerting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.kintsugi.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as Alertmanager writes them: {@code name="value"}, {@code !=}, {@code =~} and {@code !~}
 * (regular expressions anchored at both ends). A missing label reads as the empty string, as in Alertmanager.
 */
public record LabelMatcher(
        String name, Op op, String value, @JsonIgnore Pattern regex) {
    private static final Pattern ONE =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    public enum Op {
        EQ("="),
        NE("!="),
        RE("=~"),
        NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String s) {
            for (Op o : values()) {
                if (o.symbol.equals(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(s);
        }
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> v.equals(value);
            case NE -> !v.equals(value);
            case RE -> regex.matcher(v).matches();
            case NRE -> !regex.matcher(v).matches();
        };
    }

    /** Whether every matcher matches (an empty list matches nothing: a silence must say what it silences). */
    public static boolean all(List<LabelMatcher> matchers, Map<String, String> labels) {
        return !matchers.isEmpty() && matchers.stream().allMatch(m -> m.matches(labels));
    }

    /**
     * Parses {@code a="b", c=~"d.*"} (optionally in braces); 400 naming {@code field} when it is not matchers or a
     * regular expression does not compile.
     */
    public static List<LabelMatcher> parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(
                    field, "alerting.matchers.required", "at least one label matcher, like alertname=\"HighLatency\"");
        }
        if (text.length() > 2000) {
            throw new InvalidInputException(field, "alerting.tooLong", "at most 2000 characters", 2000);
        }
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        List<LabelMatcher> out = new ArrayList<>();
        Matcher m = ONE.matcher(t);
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new InvalidInputException(
                        field,
                        "alerting.matchers.syntax",
                        "not a label matcher at character " + (at + 1) + " (write name=\"value\", !=, =~ or !~)",
                        at + 1);
            }
            Op op = Op.of(m.group(2));
            String value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
            Pattern regex = null;
            if (op == Op.RE || op == Op.NRE) {
                try {
                    regex = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new InvalidInputException(
                            field, "alerting.matchers.regex", "not a regular expression: " + value, value);
                }
            }
            out.add(new LabelMatcher(m.group(1), op, value, regex));
            at = m.end();
            if (m.group(4).isEmpty()) {
                break;
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(
                    field, "alerting.matchers.required", "at least one label matcher, like alertname=\"HighLatency\"");
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
