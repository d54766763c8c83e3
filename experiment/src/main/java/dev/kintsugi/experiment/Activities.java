package dev.kintsugi.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the activity lists of an experiment and resolves {@code {"ref": "name"}} entries, as Chaos Toolkit does. */
public final class Activities {

    private Activities() {}

    public static List<JsonNode> hypothesisProbes(ObjectNode experiment) {
        return list(experiment.path("steady-state-hypothesis").path("probes"));
    }

    public static List<JsonNode> method(ObjectNode experiment) {
        return list(experiment.path("method"));
    }

    public static List<JsonNode> rollbacks(ObjectNode experiment) {
        return list(experiment.path("rollbacks"));
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    /** Every named activity of the experiment (hypothesis probes, method, rollbacks), first declaration wins. */
    public static Map<String, JsonNode> byName(ObjectNode experiment) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>(hypothesisProbes(experiment));
        all.addAll(method(experiment));
        all.addAll(rollbacks(experiment));
        for (JsonNode activity : all) {
            if (activity.isObject()
                    && !activity.has("ref")
                    && activity.path("name").isTextual()) {
                named.putIfAbsent(activity.path("name").asText(), activity);
            }
        }
        return named;
    }

    /** The activity itself, or the one its {@code ref} names; {@code null} when the ref is unknown. */
    public static JsonNode resolve(JsonNode activity, Map<String, JsonNode> byName) {
        if (activity.has("ref")) {
            return byName.get(activity.path("ref").asText());
        }
        return activity;
    }

    public static String name(JsonNode activity) {
        return activity.path("name").asText(activity.path("ref").asText("?"));
    }

    public static boolean isAction(JsonNode activity) {
        return "action".equals(activity.path("type").asText());
    }
}
