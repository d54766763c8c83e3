package dev.kintsugi.chaos;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The activities of an experiment as {@link Engine.Step}s: what each touches (proxy, toxic, host, namespace), for the guardrails and the journal. */
final class EngineSteps {
    private EngineSteps() {}

    /** Every activity of the experiment (hypothesis, method, rollbacks), refs resolved by name. */
    static List<Engine.Step> steps(String json) {
        ObjectNode experiment = Engine.parse(json);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        List<JsonNode[]> all = new ArrayList<>();
        collect(experiment.path("steady-state-hypothesis").path("probes"), "hypothesis", byName, all);
        collect(experiment.path("method"), "method", byName, all);
        collect(experiment.path("rollbacks"), "rollback", byName, all);
        List<Engine.Step> steps = new ArrayList<>();
        for (JsonNode[] a : all) {
            JsonNode activity = a[1];
            if (activity.has("ref") && byName.containsKey(activity.path("ref").asString())) {
                activity = byName.get(activity.path("ref").asString());
            }
            steps.add(step(a[0].asString(), activity));
        }
        return steps;
    }

    private static void collect(JsonNode list, String section, Map<String, JsonNode> byName, List<JsonNode[]> all) {
        if (!list.isArray()) {
            return;
        }
        for (JsonNode a : list) {
            if (a.has("name") && a.has("provider")) {
                byName.putIfAbsent(a.path("name").asString(), a);
            }
            all.add(new JsonNode[] {tools.jackson.databind.node.StringNode.valueOf(section), a});
        }
    }

    static Engine.Step step(String section, JsonNode activity) {
        JsonNode provider = activity.path("provider");
        JsonNode args = provider.path("arguments");
        String type = provider.path("type").asString("");
        String func = provider.path("func").asString(null);
        String apiUrl = null;
        String host = null;
        if ("kintsugi".equals(type)) {
            apiUrl = stripSlash(args.path("api_url").asString("http://localhost:8474"));
            if (args.has("host")) {
                host = args.path("host").asString();
            } else if (args.has("url")) {
                host = hostOf(args.path("url").asString());
            } else if (args.has("actuator_url")) {
                host = hostOf(args.path("actuator_url").asString());
            } else if (args.has("api_url")
                    || func != null && func.contains("toxic")
                    || func != null && func.contains("proxy")) {
                host = hostOf(apiUrl);
            }
        } else if ("http".equals(type)) {
            host = hostOf(provider.path("url").asString(""));
        }
        String toxic = null;
        if ("add_toxic".equals(func)) {
            toxic = args.path("name")
                    .asString(args.path("type").asString() + "_"
                            + args.path("stream").asString("downstream"));
        } else if ("remove_toxic".equals(func)) {
            toxic = args.path("name").asString();
        }
        return new Engine.Step(
                section,
                activity.path("name").asString(""),
                activity.path("type").asString(""),
                type,
                func,
                apiUrl,
                args.has("proxy") ? args.path("proxy").asString() : null,
                toxic,
                host,
                namespace(type, provider.path("module").asString(""), func, args),
                args.path("max_percent").isNumber() ? args.path("max_percent").asInt() : null,
                args.path("lease_seconds").isNumber()
                        ? (long) (args.path("lease_seconds").asDouble() * 1000)
                        : null);
    }

    /** The namespace a Kubernetes activity touches ({@code kintsugi.delete_pods}, chaosk8s's {@code ns}), else null. */
    private static String namespace(String type, String module, String func, JsonNode args) {
        if ("kintsugi".equals(type) && "delete_pods".equals(func)) {
            return args.path("namespace").asString("default");
        }
        if ("python".equals(type) && module.startsWith("chaosk8s")) {
            return args.path("ns").asString("default");
        }
        return null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String hostOf(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
