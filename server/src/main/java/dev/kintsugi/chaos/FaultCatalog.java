package dev.kintsugi.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults the form and the hub write as Chaos Toolkit experiments, with their typed parameters (bounds and
 * defaults), and the writer itself: one fault through a fault proxy (a toxic or the proxy disabled), a pod kill or
 * a deployment scaled to zero, paused for {@code duration} seconds, one HTTP probe and the status it must answer.
 */
public final class FaultCatalog {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HubParameter DURATION = new HubParameter("duration", "s", 1, 3600, 30);

    /** Every fault with its parameters, {@code duration} last. */
    static final Map<String, List<HubParameter>> PARAMETERS = parameters();

    private FaultCatalog() {}

    private static Map<String, List<HubParameter>> parameters() {
        Map<String, List<HubParameter>> m = new LinkedHashMap<>();
        m.put("latency", List.of(new HubParameter("latency", "ms", 0, 60_000, 1000), DURATION));
        m.put("down", List.of(DURATION));
        m.put("reset", List.of(new HubParameter("timeout", "ms", 0, 60_000, 0), DURATION));
        m.put("bandwidth", List.of(new HubParameter("rate", "KB/s", 1, 1_000_000, 16), DURATION));
        m.put("slow_close", List.of(new HubParameter("delay", "ms", 0, 600_000, 5000), DURATION));
        m.put("http_error", List.of(new HubParameter("status_code", "", 400, 599, 503), DURATION));
        m.put("pod_kill", List.of(new HubParameter("max_count", "", 1, 100, 1), DURATION));
        m.put("scale_to_zero", List.of(DURATION));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Whether the fault goes through a fault proxy (needs an admin API URL and a proxy name). */
    static boolean throughProxy(String fault) {
        return !fault.equals("pod_kill") && !fault.equals("scale_to_zero");
    }

    /** The name of the fault's one amount parameter (null for none: {@code down}, {@code scale_to_zero}). */
    static String amountParameter(String fault) {
        List<HubParameter> p = PARAMETERS.getOrDefault(fault, List.of(DURATION));
        return p.size() > 1 ? p.get(0).name() : null;
    }

    /**
     * What the writer needs: texts, the fault and its values ({@code amount}: the fault's one amount parameter),
     * where it goes (proxy API and name; or namespace with labels for a pod kill, with the deployment for a scale
     * to zero), the probe and its expected status.
     */
    public record Spec(
            String title,
            String description,
            String hypothesis,
            String service,
            String fault,
            Integer amount,
            Integer duration,
            String proxyApiUrl,
            String proxy,
            String namespace,
            String labels,
            String deployment,
            String probeUrl,
            Integer expectedStatus) {}

    /** The Chaos Toolkit experiment (pretty JSON) for {@code s}. */
    public static String definition(Spec s) {
        ObjectNode e = JSON.createObjectNode();
        e.put("title", nz(s.title()));
        e.put("description", nz(s.description()));
        if (s.service() != null && !s.service().isBlank()) {
            e.putArray("tags").add(s.service().trim());
        }
        ObjectNode probe = JSON.createObjectNode();
        probe.put("type", "probe");
        probe.put("name", "service-answers");
        probe.put("tolerance", s.expectedStatus() == null ? 200 : s.expectedStatus());
        ObjectNode http = probe.putObject("provider");
        http.put("type", "http");
        http.put("url", nz(s.probeUrl()));
        http.put("timeout", 3);
        ObjectNode hypothesis = e.putObject("steady-state-hypothesis");
        hypothesis.put(
                "title", s.hypothesis() == null || s.hypothesis().isBlank() ? "the service answers" : s.hypothesis());
        hypothesis.putArray("probes").add(probe);

        String kind = s.fault() == null ? "latency" : s.fault().toLowerCase(java.util.Locale.ROOT);
        ArrayNode method = e.putArray("method");
        ArrayNode rollbacks = e.putArray("rollbacks");
        int pause = s.duration() == null ? 30 : Math.max(0, s.duration());
        String namespace = s.namespace() == null || s.namespace().isBlank()
                ? "default"
                : s.namespace().trim();
        if (kind.equals("pod_kill")) {
            ObjectNode kill = action("kill-a-pod", "delete_pods");
            ObjectNode args = (ObjectNode) kill.path("provider").path("arguments");
            args.put("label_selector", nz(s.labels()));
            args.put("namespace", namespace);
            args.put("max_count", s.amount() == null ? 1 : s.amount());
            kill.putObject("pauses").put("after", pause);
            method.add(kill);
        } else if (kind.equals("scale_to_zero")) {
            // chaosk8s natively: the engine records the replica count before and scales back to it after the
            // rollbacks (the leftover revert), so the experiment needs no rollback naming a count it cannot know
            ObjectNode scale = JSON.createObjectNode();
            scale.put("type", "action");
            scale.put("name", "scale-to-zero");
            ObjectNode provider = scale.putObject("provider");
            provider.put("type", "python");
            provider.put("module", "chaosk8s.deployment.actions");
            provider.put("func", "scale_deployment");
            ObjectNode args = provider.putObject("arguments");
            args.put("name", nz(s.deployment()));
            args.put("replicas", 0);
            args.put("ns", namespace);
            scale.putObject("pauses").put("after", pause);
            method.add(scale);
        } else if (kind.equals("down")) {
            ObjectNode down = action("dependency-down", "disable_proxy");
            proxyArgs(down, s);
            down.putObject("pauses").put("after", pause);
            method.add(down);
            ObjectNode up = action("dependency-up", "enable_proxy");
            proxyArgs(up, s);
            rollbacks.add(up);
        } else {
            String type = toxic(kind);
            ObjectNode add = action("inject-" + type.replace('_', '-'), "add_toxic");
            ObjectNode args = proxyArgs(add, s);
            args.put("type", type);
            args.put("name", type + "_downstream");
            ObjectNode attributes = args.putObject("attributes");
            int value = s.amount() == null ? 0 : s.amount();
            switch (type) {
                case "reset_peer" -> attributes.put("timeout", value);
                case "bandwidth" -> attributes.put("rate", value);
                case "slow_close" -> attributes.put("delay", value);
                case "http_error" -> attributes.put("status_code", value == 0 ? 503 : value);
                default -> attributes.put("latency", value);
            }
            add.putObject("pauses").put("after", pause);
            method.add(add);
            ObjectNode remove = action("remove-" + type.replace('_', '-'), "remove_toxic");
            proxyArgs(remove, s).put("name", type + "_downstream");
            rollbacks.add(remove);
        }
        return e.toPrettyString();
    }

    private static String toxic(String kind) {
        return switch (kind) {
            case "reset" -> "reset_peer";
            case "bandwidth" -> "bandwidth";
            case "slow_close" -> "slow_close";
            case "http_error" -> "http_error";
            default -> "latency";
        };
    }

    /**
     * The fault and its values read back from a definition this writer wrote (or one shaped like it): the first
     * method action the catalog knows. Empty when the experiment does something else.
     */
    static java.util.Optional<Found> read(String definitionJson) {
        JsonNode root = JSON.readTree(definitionJson);
        for (JsonNode a : root.path("method")) {
            JsonNode provider = a.path("provider");
            JsonNode args = provider.path("arguments");
            String func = provider.path("func").asString("");
            Integer pause = a.path("pauses").path("after").isNumber()
                    ? a.path("pauses").path("after").asInt()
                    : null;
            Map<String, Integer> values = new LinkedHashMap<>();
            if (pause != null) {
                values.put("duration", pause);
            }
            String type = provider.path("type").asString("");
            if (type.equals("kintsugi") && func.equals("delete_pods")) {
                values.put("max_count", args.path("max_count").asInt(1));
                return java.util.Optional.of(new Found("pod_kill", values));
            }
            if (type.equals("kintsugi") && func.equals("disable_proxy")) {
                return java.util.Optional.of(new Found("down", values));
            }
            if (type.equals("python")
                    && func.equals("scale_deployment")
                    && args.path("replicas").asInt(-1) == 0) {
                return java.util.Optional.of(new Found("scale_to_zero", values));
            }
            if (type.equals("kintsugi") && func.equals("add_toxic")) {
                String toxic = args.path("type").asString("");
                String fault = switch (toxic) {
                    case "latency" -> "latency";
                    case "reset_peer" -> "reset";
                    case "bandwidth" -> "bandwidth";
                    case "slow_close" -> "slow_close";
                    case "http_error" -> "http_error";
                    default -> null;
                };
                if (fault == null) {
                    continue;
                }
                String amount = amountParameter(fault);
                JsonNode v = args.path("attributes").path(amount);
                if (v.isNumber()) {
                    values.put(amount, v.asInt());
                }
                return java.util.Optional.of(new Found(fault, values));
            }
        }
        return java.util.Optional.empty();
    }

    /** A fault read back from a definition, with the values it had. */
    record Found(String fault, Map<String, Integer> values) {}

    private static ObjectNode action(String name, String func) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "action");
        a.put("name", name);
        ObjectNode provider = a.putObject("provider");
        provider.put("type", "kintsugi");
        provider.put("func", func);
        provider.put("timeout", 5);
        provider.putObject("arguments");
        return a;
    }

    private static ObjectNode proxyArgs(ObjectNode action, Spec s) {
        ObjectNode args = (ObjectNode) action.path("provider").path("arguments");
        args.put("api_url", nz(s.proxyApiUrl()));
        args.put("proxy", nz(s.proxy()));
        return args;
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }
}
