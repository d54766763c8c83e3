package dev.kintsugi.chaos.monkey;

import dev.kintsugi.chaos.monkey.MonkeyGroups.Grouping;
import dev.kintsugi.chaos.monkey.MonkeyGroups.Rule;
import dev.kintsugi.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Netflix Chaos Monkey's per-application configuration, as Spinnaker stores it ({@code {"name": ..., "attributes":
 * {"chaosMonkey": {...}}}}, the shape of Netflix's {@code spinnaker/fromjson_test.go}), read field by field:
 * {@code enabled}, {@code meanTimeBetweenKillsInWorkDays}, {@code minTimeBetweenKillsInWorkDays}, {@code grouping}
 * ({@code app}, {@code stack}, {@code cluster}), {@code regionsAreIndependent}, {@code exceptions} and
 * {@code whitelist} (each {@code account}, {@code stack}, {@code detail}, {@code region}, {@code *} for any). The
 * bare {@code chaosMonkey} object is read too. Any other field is ignored, as Netflix's reader does.
 */
public final class NetflixConfig {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NetflixConfig() {}

    public record Imported(
            String name,
            boolean enabled,
            int meanTimeBetweenKillsInWorkDays,
            int minTimeBetweenKillsInWorkDays,
            Grouping grouping,
            boolean regionsAreIndependent,
            List<Rule> exceptions,
            List<Rule> whitelist) {}

    /** The configuration in {@code json}; a 400 naming the field when it breaks Netflix's rules. */
    public static Imported parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JacksonException e) {
            throw new InvalidInputException("config", "chaos.monkey.error.import.json", "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("config", "chaos.monkey.error.import.json", "not a JSON object");
        }
        JsonNode cm = root.path("attributes").path("chaosMonkey");
        String prefix = "attributes.chaosMonkey.";
        if (cm.isMissingNode()) {
            if (!root.has("meanTimeBetweenKillsInWorkDays") && !root.has("enabled")) {
                throw new InvalidInputException(
                        "attributes.chaosMonkey",
                        "chaos.monkey.error.import.missing",
                        "no attributes.chaosMonkey object");
            }
            cm = root;
            prefix = "";
        }
        if (!cm.isObject()) {
            throw new InvalidInputException(
                    "attributes.chaosMonkey", "chaos.monkey.error.import.missing", "must be an object");
        }
        String name = root.path("name").isString() ? root.path("name").asString() : null;
        boolean enabled = bool(cm, "enabled", prefix, false);
        int mean = integer(cm, "meanTimeBetweenKillsInWorkDays", prefix, 5);
        int min = integer(cm, "minTimeBetweenKillsInWorkDays", prefix, 1);
        String at = prefix;
        MonkeyPlanner.invalid(mean, min).ifPresent(f -> {
            throw new InvalidInputException(
                    at + f, "chaos.monkey.error.interval", "mean ≥ 1 and 0 ≤ min ≤ mean working days");
        });
        Grouping grouping = Grouping.CLUSTER;
        JsonNode g = cm.path("grouping");
        if (!g.isMissingNode() && !g.isNull()) {
            String s = g.isString() ? g.asString().strip().toUpperCase(Locale.ROOT) : "";
            try {
                grouping = Grouping.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        prefix + "grouping", "chaos.monkey.error.grouping", "must be app, stack or cluster");
            }
        }
        boolean independent = bool(cm, "regionsAreIndependent", prefix, true);
        return new Imported(
                name,
                enabled,
                mean,
                min,
                grouping,
                independent,
                rules(cm, "exceptions", prefix),
                rules(cm, "whitelist", prefix));
    }

    private static boolean bool(JsonNode cm, String field, String prefix, boolean otherwise) {
        JsonNode v = cm.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(prefix + field, "chaos.monkey.error.boolean", "must be true or false");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode cm, String field, String prefix, int otherwise) {
        JsonNode v = cm.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(prefix + field, "chaos.monkey.error.integer", "must be a whole number");
        }
        return v.asInt();
    }

    private static List<Rule> rules(JsonNode cm, String field, String prefix) {
        JsonNode list = cm.path(field);
        List<Rule> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray() || list.size() > 200) {
            throw new InvalidInputException(
                    prefix + field, "chaos.monkey.error.rules", "must be a list of at most 200 entries");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw new InvalidInputException(
                        prefix + field + "[" + i + "]", "chaos.monkey.error.rules", "must be an object");
            }
            out.add(new Rule(
                    text(e, "account", prefix + field + "[" + i + "]"),
                    text(e, "stack", prefix + field + "[" + i + "]"),
                    text(e, "detail", prefix + field + "[" + i + "]"),
                    text(e, "region", prefix + field + "[" + i + "]")));
        }
        return out;
    }

    private static String text(JsonNode e, String field, String at) {
        JsonNode v = e.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return "*";
        }
        if (!v.isString() || v.asString().length() > 100) {
            throw new InvalidInputException(
                    at + "." + field, "chaos.monkey.error.rules", "must be text of at most 100 characters");
        }
        return v.asString();
    }
}
