package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Fault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kintsugi's own provider, {@code {"type": "kintsugi", "func": "...", "arguments": {...}}}.
 *
 * <p>Toxiproxy functions talk to any Toxiproxy-compatible HTTP API (Kintsugi's proxy or Shopify Toxiproxy 2.x)
 * and always send a lease: {@code "ttl_ms"} next to the toxic's {@code attributes}, and in the body of a proxy update, as the Kintsugi
 * proxy defines it (docs/proxy.md); a real Toxiproxy ignores the unknown field.
 * The lease lasts until the run's expected end plus the margin; Kintsugi's proxy removes the fault itself when it
 * expires, so a runner killed with SIGKILL leaves nothing behind. A real Toxiproxy ignores the unknown attribute.
 */
public final class KintsugiProvider implements Provider {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String DEFAULT_TOXIPROXY = "http://localhost:8474";

    /** func → required arguments. */
    private static final Map<String, Set<String>> FUNCS = Map.ofEntries(
            Map.entry("add_toxic", Set.of("proxy", "type")),
            Map.entry("remove_toxic", Set.of("proxy", "name")),
            Map.entry("disable_proxy", Set.of("proxy")),
            Map.entry("enable_proxy", Set.of("proxy")),
            Map.entry("tcp_connect", Set.of("host", "port")),
            Map.entry("prometheus_query", Set.of("url", "query")),
            Map.entry("chaosmonkey_enable", Set.of("actuator_url")),
            Map.entry("chaosmonkey_disable", Set.of("actuator_url")),
            Map.entry("chaosmonkey_assaults", Set.of("actuator_url", "assaults")),
            Map.entry("delete_pods", Set.of("label_selector")),
            Map.entry("start_process", Set.of("name", "path")),
            Map.entry("signal_process", Set.of("name", "signal")));

    @Override
    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        String func = provider.path("func").asText("");
        Set<String> required = FUNCS.get(func);
        if (required == null) {
            problems.add(label + ": kintsugi provider function '" + func + "' is unknown (known: "
                    + new java.util.TreeSet<>(FUNCS.keySet()) + ")");
            return;
        }
        JsonNode args = provider.path("arguments");
        for (String r : required) {
            if (!args.has(r)) {
                problems.add(label + ": kintsugi." + func + " requires the argument '" + r + "'");
            }
        }
    }

    @Override
    public List<String> alsoRequires(JsonNode provider) {
        String func = provider.path("func").asString("");
        return func.equals("start_process") || func.equals("signal_process") ? List.of("process") : List.of();
    }

    @Override
    public List<String> addresses(JsonNode provider) {
        JsonNode args = provider.path("arguments");
        return switch (provider.path("func").asString("")) {
            case "add_toxic", "remove_toxic", "disable_proxy", "enable_proxy" -> List.of(api(args));
            case "tcp_connect" ->
                List.of(args.path("host").asString("") + ":" + args.path("port").asString(""));
            case "prometheus_query" -> List.of(args.path("url").asString(""));
            case "chaosmonkey_enable", "chaosmonkey_disable", "chaosmonkey_assaults" ->
                List.of(args.path("actuator_url").asString(""));
            case "delete_pods" ->
                args.has("api_url") ? List.of(args.path("api_url").asString("")) : List.of();
            default -> List.of();
        };
    }

    @Override
    public double budgetSeconds(JsonNode provider) {
        JsonNode timeout = provider.path("timeout");
        return timeout.isNumber() ? timeout.asDouble() : 5;
    }

    @Override
    public JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException, InterruptedException {
        JsonNode args = provider.path("arguments");
        Duration timeout = Duration.ofMillis((long) (provider.path("timeout").asDouble(5) * 1000));
        String func = provider.path("func").asText();
        return switch (func) {
            case "add_toxic" -> addToxic(args, timeout, context);
            case "remove_toxic" -> removeToxic(args, timeout, context);
            case "disable_proxy" -> setProxyEnabled(args, false, timeout, context);
            case "enable_proxy" -> setProxyEnabled(args, true, timeout, context);
            case "tcp_connect" -> tcpConnect(args, timeout);
            case "prometheus_query" -> prometheus(args, timeout);
            case "chaosmonkey_enable" -> chaosMonkey(args, "enable", null, timeout, context);
            case "chaosmonkey_disable" -> chaosMonkey(args, "disable", null, timeout, context);
            case "chaosmonkey_assaults" -> chaosMonkey(args, "assaults", args.get("assaults"), timeout, context);
            case "delete_pods" -> KubernetesPods.deletePods(args, timeout, context);
            case "start_process" -> Processes.start(args, context);
            case "signal_process" -> Processes.signal(args, context);
            default -> throw new ActivityFailedException("unknown kintsugi function " + func);
        };
    }

    private static String api(JsonNode args) {
        return Toxiproxy.trim(args.path("api_url").asString(DEFAULT_TOXIPROXY));
    }

    private static String enc(String s) {
        return Toxiproxy.enc(s);
    }

    /** The lease this fault carries, in milliseconds: an explicit {@code lease_seconds}, else the run's. */
    static long leaseMs(JsonNode args, RunContext context) {
        if (args.path("lease_seconds").isNumber()) {
            return (long) (args.path("lease_seconds").asDouble() * 1000);
        }
        return Math.max(1000, context.lease().toMillis());
    }

    private JsonNode addToxic(JsonNode args, Duration timeout, RunContext context)
            throws ActivityFailedException, InterruptedException {
        String api = api(args);
        String proxy = args.path("proxy").asString();
        String type = args.path("type").asString();
        String stream = args.path("stream").asString("downstream");
        String name = args.path("name").asString(type + "_" + stream);
        long lease = leaseMs(args, context);
        ObjectNode toxic = F.objectNode();
        toxic.put("name", name);
        toxic.put("type", type);
        toxic.put("stream", stream);
        toxic.put("toxicity", args.path("toxicity").asDouble(1.0));
        ObjectNode attributes =
                args.path("attributes").isObject() ? ((ObjectNode) args.get("attributes")).deepCopy() : F.objectNode();
        toxic.set("attributes", attributes);
        JsonHttp.Response response = Toxiproxy.addToxic(context, api, proxy, toxic, lease, timeout, true);
        if (response.status() / 100 != 2) {
            throw new ActivityFailedException("Toxiproxy refused toxic " + name + " on " + proxy + ": "
                    + response.status() + " " + response.text());
        }
        ObjectNode out = response.body().isObject() ? (ObjectNode) response.body() : F.objectNode();
        out.put("ttl_ms", lease);
        return out;
    }

    private JsonNode removeToxic(JsonNode args, Duration timeout, RunContext context)
            throws ActivityFailedException, InterruptedException {
        String proxy = args.path("proxy").asString();
        String name = args.path("name").asString();
        int status = Toxiproxy.deleteToxic(context, api(args), proxy, name, timeout);
        if (status / 100 != 2 && status != 404) { // 404 is fine: the lease may have removed it already
            throw new ActivityFailedException("cannot remove toxic " + name + ": HTTP " + status);
        }
        return F.booleanNode(true);
    }

    private JsonNode setProxyEnabled(JsonNode args, boolean enabled, Duration timeout, RunContext context)
            throws ActivityFailedException, InterruptedException {
        String proxy = args.path("proxy").asString();
        ObjectNode body = F.objectNode().put("enabled", enabled);
        JsonHttp.Response r =
                Toxiproxy.updateProxy(context, api(args), proxy, body, enabled ? 0 : leaseMs(args, context), timeout);
        if (r.status() / 100 != 2) {
            throw new ActivityFailedException("cannot update proxy " + proxy + ": " + r.status() + " " + r.text());
        }
        return r.body();
    }

    private JsonNode tcpConnect(JsonNode args, Duration timeout) throws ActivityFailedException {
        String host = args.path("host").asText();
        int port = args.path("port").asInt();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return F.booleanNode(true);
        } catch (IOException e) {
            if (args.path("fail_on_error").asBoolean(false)) {
                throw new ActivityFailedException("cannot connect to " + host + ":" + port + ": " + e.getMessage());
            }
            return F.booleanNode(false);
        }
    }

    /**
     * Prometheus instant query ({@code GET /api/v1/query}); the output is the first sample's value as a number (or
     * {@code null} when the result is empty), so tolerances like {@code [0, 0.05]} or {@code {"type": "range"}}
     * apply directly.
     */
    private JsonNode prometheus(JsonNode args, Duration timeout) throws ActivityFailedException, InterruptedException {
        String base = args.path("url").asText();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String url = base + "/api/v1/query?query=" + enc(args.path("query").asText());
        JsonHttp.Response r = JsonHttp.send("GET", url, null, timeout);
        if (r.status() != 200 || !"success".equals(r.body().path("status").asText())) {
            throw new ActivityFailedException("Prometheus query failed: " + r.status() + " " + r.text());
        }
        JsonNode data = r.body().path("data");
        JsonNode value;
        switch (data.path("resultType").asText()) {
            case "vector" -> value = data.path("result").path(0).path("value").path(1);
            case "scalar", "string" -> value = data.path("result").path(1);
            default -> value = F.nullNode();
        }
        if (value.isMissingNode() || value.isNull()) {
            return F.nullNode();
        }
        try {
            return F.numberNode(Double.parseDouble(value.asText()));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /**
     * Chaos Monkey for Spring Boot through its actuator endpoints ({@code POST <actuator_url>/chaosmonkey/enable},
     * {@code /disable}, {@code /assaults}). Enabling registers the monkey as a fault of this run, disabled again
     * after the rollbacks if the run fails or is interrupted.
     */
    private JsonNode chaosMonkey(JsonNode args, String what, JsonNode body, Duration timeout, RunContext context)
            throws ActivityFailedException, InterruptedException {
        String given = args.path("actuator_url").asText();
        String base = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        Fault fault = new Fault(
                "chaosmonkey:" + base,
                Fault.KIND_CHAOS_MONKEY,
                "chaos monkey enabled at " + base,
                Map.of("actuator_url", base),
                null);
        if (what.equals("enable")) {
            context.injecting(fault, () -> context.reverter().revert(fault), null);
        }
        JsonHttp.Response r = JsonHttp.send("POST", base + "/chaosmonkey/" + what, body, timeout);
        if (r.status() / 100 != 2) {
            if (what.equals("disable")) {
                context.removalFailed(fault.key(), "HTTP " + r.status());
            }
            throw new ActivityFailedException("Chaos Monkey " + what + " failed: " + r.status() + " " + r.text());
        }
        if (what.equals("disable")) {
            context.removed(fault.key());
        } else if (what.equals("enable")) {
            context.injected(fault.key());
        }
        return r.body();
    }
}
