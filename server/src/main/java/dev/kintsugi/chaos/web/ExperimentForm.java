package dev.kintsugi.chaos.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form for the common cases: one fault through a fault proxy (or a pod kill), how long, one HTTP probe and the
 * status it must answer. {@link #toDefinition()} writes the Chaos Toolkit experiment; {@code raw} is the editor for
 * the rest (JSON or YAML as written).
 */
public record ExperimentForm(
        String mode,
        String title,
        String description,
        String service,
        String proxyApiUrl,
        String proxy,
        String fault,
        Integer amount,
        Integer duration,
        String namespace,
        String labels,
        String probeUrl,
        Integer expectedStatus,
        String raw) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The faults the form offers, with what {@code amount} means for each. */
    public static final List<String> FAULTS =
            List.of("latency", "down", "reset", "bandwidth", "slow_close", "http_error", "pod_kill");

    static ExperimentForm empty() {
        return new ExperimentForm(
                "form", "", "", "", "http://127.0.0.1:8474", "", "latency", 1000, 30, "default", "", "", 200, "");
    }

    boolean isRaw() {
        return "raw".equals(mode);
    }

    String toDefinition() {
        if (isRaw()) {
            return raw;
        }
        ObjectNode e = JSON.createObjectNode();
        e.put("title", nz(title));
        e.put("description", nz(description));
        if (service != null && !service.isBlank()) {
            e.putArray("tags").add(service.trim());
        }
        ObjectNode probe = JSON.createObjectNode();
        probe.put("type", "probe");
        probe.put("name", "service-answers");
        probe.put("tolerance", expectedStatus == null ? 200 : expectedStatus);
        ObjectNode http = probe.putObject("provider");
        http.put("type", "http");
        http.put("url", nz(probeUrl));
        http.put("timeout", 3);
        ObjectNode hypothesis = e.putObject("steady-state-hypothesis");
        hypothesis.put("title", "the service answers");
        hypothesis.putArray("probes").add(probe);

        String kind = fault == null ? "latency" : fault.toLowerCase(Locale.ROOT);
        ArrayNode method = e.putArray("method");
        ArrayNode rollbacks = e.putArray("rollbacks");
        int pause = duration == null ? 30 : Math.max(0, duration);
        if (kind.equals("pod_kill")) {
            ObjectNode kill = action("kill-a-pod", "delete_pods");
            ObjectNode args = (ObjectNode) kill.path("provider").path("arguments");
            args.put("label_selector", nz(labels));
            args.put("namespace", namespace == null || namespace.isBlank() ? "default" : namespace.trim());
            args.put("max_count", 1);
            kill.putObject("pauses").put("after", pause);
            method.add(kill);
        } else if (kind.equals("down")) {
            ObjectNode down = action("dependency-down", "disable_proxy");
            proxyArgs(down);
            down.putObject("pauses").put("after", pause);
            method.add(down);
            ObjectNode up = action("dependency-up", "enable_proxy");
            proxyArgs(up);
            rollbacks.add(up);
        } else {
            String type = switch (kind) {
                case "reset" -> "reset_peer";
                case "bandwidth" -> "bandwidth";
                case "slow_close" -> "slow_close";
                case "http_error" -> "http_error";
                default -> "latency";
            };
            ObjectNode add = action("inject-" + type.replace('_', '-'), "add_toxic");
            ObjectNode args = proxyArgs(add);
            args.put("type", type);
            args.put("name", type + "_downstream");
            ObjectNode attributes = args.putObject("attributes");
            int value = amount == null ? 0 : amount;
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
            proxyArgs(remove).put("name", type + "_downstream");
            rollbacks.add(remove);
        }
        return e.toPrettyString();
    }

    private ObjectNode action(String name, String func) {
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

    private ObjectNode proxyArgs(ObjectNode action) {
        ObjectNode args = (ObjectNode) action.path("provider").path("arguments");
        args.put("api_url", nz(proxyApiUrl));
        args.put("proxy", nz(proxy));
        return args;
    }

    List<String> services() {
        List<String> list = new ArrayList<>();
        if (service != null) {
            for (String s : service.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.trim());
                }
            }
        }
        return list;
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }
}
