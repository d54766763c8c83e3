package dev.kintsugi.experiment.provider;

import static dev.kintsugi.experiment.provider.PythonProvider.F;
import static dev.kintsugi.experiment.provider.PythonProvider.defaults;

import dev.kintsugi.experiment.provider.PythonProvider.Args;
import dev.kintsugi.experiment.provider.PythonProvider.Function;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code chaostoxi} (chaostoolkit-toxiproxy 0.3.1) natively: {@code chaostoxi.toxic.actions},
 * {@code chaostoxi.proxy.actions} and {@code chaostoxi.proxy.probes}, with the extension's argument names, defaults
 * and outputs. The API is {@code toxiproxy_url} from the configuration, else
 * {@code http://{toxiproxy_host}:{toxiproxy_port|8474}}, as chaostoxi builds it. Beyond chaostoxi: every toxic and
 * every disabled proxy carries the run's lease ({@code ttl_ms}) and is reverted after the rollbacks if no activity
 * removed it.
 */
final class ChaosToxi {

    private static final String TOXIC = "chaostoxi.toxic.actions";
    private static final String PROXY = "chaostoxi.proxy.actions";
    private static final String PROBES = "chaostoxi.proxy.probes";

    private ChaosToxi() {}

    static void register(PythonProvider p) {
        java.util.function.Function<Args, List<String>> api = a -> List.of(baseUrl(a));
        p.register(
                TOXIC,
                "create_toxic",
                new Function(
                        List.of("for_proxy", "toxic_name", "toxic_type"),
                        defaults("stream", "downstream", "toxicity", 1.0, "attributes", null),
                        (a, c) -> createToxic(
                                a, c, a.str("toxic_type"), a.str("stream"), a.value("toxicity"), a.value("attributes")),
                        null,
                        api));
        typed(p, "create_latency_toxic", "latency", List.of("latency"), defaults("jitter", 0), "latency", "jitter");
        typed(p, "create_bandwith_degradation_toxic", "bandwidth", List.of("rate"), defaults(), "rate");
        typed(p, "create_slow_connection_close_toxic", "slow_close", List.of("delay"), defaults(), "delay");
        typed(p, "create_timeout_toxic", "timeout", List.of("timeout"), defaults(), "timeout");
        typed(
                p,
                "create_slicer_toxic",
                "slicer",
                List.of("average_size", "size_variation", "delay"),
                defaults(),
                "average_size",
                "size_variation",
                "delay");
        p.register(
                TOXIC,
                "create_limiter_toxic",
                new Function(
                        List.of("for_proxy", "toxic_name", "bytes_limit"),
                        defaults(),
                        (a, c) -> {
                            ObjectNode attributes = F.objectNode();
                            attributes.set("bytes", a.value("bytes_limit"));
                            return createToxic(a, c, "limit_data", "downstream", F.numberNode(1.0), attributes);
                        },
                        null,
                        api));
        p.register(
                TOXIC,
                "delete_toxic",
                new Function(
                        List.of("for_proxy", "toxic_name"),
                        defaults(),
                        (a, c) -> {
                            int status = Toxiproxy.deleteToxic(
                                    c, baseUrl(a), a.str("for_proxy"), a.str("toxic_name"), a.timeout);
                            return F.booleanNode(status / 100 == 2); // requests' response.ok, as chaostoxi returns
                        },
                        null,
                        api));

        p.register(
                PROXY,
                "create_proxy",
                new Function(
                        List.of("proxy_name", "upstream_host", "upstream_port"),
                        defaults("listen_host", "0.0.0.0", "listen_port", 0, "enabled", true),
                        ChaosToxi::createProxy,
                        null,
                        api));
        p.register(
                PROXY,
                "modify_proxy",
                new Function(
                        List.of("proxy_name"),
                        defaults("listen_address", null, "upstream_address", null, "enabled", null),
                        (a, c) -> {
                            ObjectNode body = F.objectNode();
                            if (a.value("listen_address") != null) {
                                body.set("listen", a.value("listen_address"));
                            }
                            if (a.value("upstream_address") != null) {
                                body.set("upstream", a.value("upstream_address"));
                            }
                            if (a.value("enabled") != null) {
                                body.put("enabled", a.bool("enabled"));
                            }
                            return modify(a, c, body);
                        },
                        null,
                        api));
        p.register(
                PROXY,
                "disable_proxy",
                new Function(
                        List.of("proxy_name"),
                        defaults(),
                        (a, c) -> modify(a, c, F.objectNode().put("enabled", false)),
                        null,
                        api));
        p.register(
                PROXY,
                "enable_proxy",
                new Function(
                        List.of("proxy_name"),
                        defaults(),
                        (a, c) -> modify(a, c, F.objectNode().put("enabled", true)),
                        null,
                        api));
        p.register(
                PROXY,
                "delete_proxy",
                new Function(
                        List.of("proxy_name"),
                        defaults(),
                        (a, c) -> {
                            // chaostoxi only warns when the deletion fails, and returns None
                            JsonHttp.send(
                                    "DELETE",
                                    baseUrl(a) + "/proxies/" + Toxiproxy.enc(a.str("proxy_name")),
                                    null,
                                    a.timeout);
                            return F.nullNode();
                        },
                        null,
                        api));
        p.register(
                PROXY,
                "reset",
                new Function(
                        List.of(),
                        defaults(),
                        (a, c) -> F.booleanNode(
                                Toxiproxy.reset(c, baseUrl(a), a.timeout).status() / 100 == 2),
                        null,
                        api));

        p.register(
                PROBES,
                "proxy_exist",
                new Function(
                        List.of("proxy_name"),
                        defaults(),
                        (a, c) -> {
                            JsonNode proxy = readProxy(a);
                            return F.booleanNode(proxy != null
                                    && a.str("proxy_name")
                                            .equals(proxy.path("name").asString()));
                        },
                        null,
                        api));
        p.register(
                PROBES,
                "get_proxy_attribute",
                new Function(
                        List.of("proxy_name", "attribute"),
                        defaults(),
                        (a, c) -> {
                            JsonNode proxy = readProxy(a);
                            if (proxy == null) {
                                return F.nullNode();
                            }
                            if (!proxy.has(a.str("attribute"))) {
                                throw new ActivityFailedException("proxy " + a.str("proxy_name") + " has no attribute '"
                                        + a.str("attribute") + "'");
                            }
                            return proxy.get(a.str("attribute"));
                        },
                        null,
                        api));
    }

    /** A {@code create_*_toxic} that builds its attributes from arguments of the same names. */
    private static void typed(
            PythonProvider p,
            String func,
            String type,
            List<String> required,
            Map<String, Object> optional,
            String... attributeArgs) {
        List<String> all = new java.util.ArrayList<>(List.of("for_proxy", "toxic_name"));
        all.addAll(required);
        p.register(
                TOXIC,
                func,
                new Function(
                        all,
                        optional,
                        (a, c) -> {
                            ObjectNode attributes = F.objectNode();
                            for (String arg : attributeArgs) {
                                attributes.set(arg, a.value(arg));
                            }
                            return createToxic(a, c, type, "downstream", F.numberNode(1.0), attributes);
                        },
                        null,
                        a -> List.of(baseUrl(a))));
    }

    /** chaostoxi's {@code build_baseUrl}: {@code toxiproxy_url}, else host and port (8474). */
    static String baseUrl(Args a) {
        String url = a.config("toxiproxy_url");
        if (url != null && !url.isBlank()) {
            return Toxiproxy.trim(url);
        }
        String host = a.config("toxiproxy_host");
        String port = a.config("toxiproxy_port");
        return "http://" + (host == null ? "None" : host) + ":" + (port == null || port.isBlank() ? "8474" : port);
    }

    private static String api(Args a) throws ActivityFailedException {
        if (a.config("toxiproxy_url") == null && a.config("toxiproxy_host") == null) {
            throw new ActivityFailedException(a.name + " needs 'toxiproxy_host' (and optionally 'toxiproxy_port') or"
                    + " 'toxiproxy_url' in the experiment's configuration");
        }
        return baseUrl(a);
    }

    private static JsonNode createToxic(
            Args a, RunContext c, String type, String stream, JsonNode toxicity, JsonNode attributes)
            throws ActivityFailedException, InterruptedException {
        String proxy = a.str("for_proxy");
        String name = a.str("toxic_name");
        ObjectNode toxic = F.objectNode();
        toxic.put("name", name);
        toxic.put("type", type);
        toxic.put("stream", stream);
        toxic.set("toxicity", toxicity);
        toxic.set("attributes", attributes == null ? F.nullNode() : attributes);
        JsonHttp.Response r = Toxiproxy.addToxic(
                c, api(a), proxy, toxic, KintsugiProvider.leaseMs(F.objectNode(), c), a.timeout, false);
        if (r.status() / 100 != 2) {
            throw new ActivityFailedException(
                    "Unable to create toxic for proxy: " + proxy + " (HTTP " + r.status() + " " + r.text() + ")");
        }
        // chaostoxi returns whether the created toxic has the requested name
        return F.booleanNode(name.equals(r.body().path("name").asString()));
    }

    private static JsonNode modify(Args a, RunContext c, ObjectNode body)
            throws ActivityFailedException, InterruptedException {
        String proxy = a.str("proxy_name");
        JsonHttp.Response r =
                Toxiproxy.updateProxy(c, api(a), proxy, body, KintsugiProvider.leaseMs(F.objectNode(), c), a.timeout);
        if (r.status() / 100 != 2) {
            throw new ActivityFailedException("Unable to modify proxy " + proxy + " (HTTP " + r.status() + ")");
        }
        publishPort(a, c, proxy, r.body());
        return F.booleanNode(true);
    }

    private static JsonNode createProxy(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        String proxy = a.str("proxy_name");
        ObjectNode body = F.objectNode();
        body.put("name", proxy);
        body.put("listen", a.str("listen_host") + ":" + a.str("listen_port"));
        body.put("upstream", fromEnvironment(a, c, "upstream_host") + ":" + fromEnvironment(a, c, "upstream_port"));
        body.put("enabled", a.bool("enabled"));
        JsonHttp.Response r = JsonHttp.send("POST", api(a) + "/proxies", body, a.timeout);
        if (r.status() / 100 != 2) {
            throw new ActivityFailedException(
                    "Unable to create proxy " + proxy + " (HTTP " + r.status() + " " + r.text() + ")");
        }
        publishPort(a, c, proxy, r.body());
        return F.booleanNode(true);
    }

    /**
     * As chaostoxi: the proxy's listen port goes into the configuration as {@code <proxy>_PORT} (a string), so later
     * activities can use {@code ${<proxy>_PORT}}. (chaostoxi also exports it to the process environment; a JVM
     * cannot, and a host's environment is not the experiment's to change.)
     */
    private static void publishPort(Args a, RunContext c, String proxy, JsonNode body) throws ActivityFailedException {
        String listen = body.path("listen").asString("");
        String port = listen.substring(listen.lastIndexOf(':') + 1);
        if (!port.matches("\\d+")) {
            throw new ActivityFailedException("Unable to parse port from proxy response " + body);
        }
        c.variables().setConfiguration(proxy + "_PORT", F.stringNode(port));
    }

    /** chaostoxi's {@code env:NAME} values, read from the host's environment when the run's policy allows it. */
    private static String fromEnvironment(Args a, RunContext c, String arg) throws ActivityFailedException {
        String value = a.str(arg);
        if (value != null && value.startsWith("env:")) {
            String resolved = c.variables().environment(value.substring(4));
            if (resolved == null) {
                throw new ActivityFailedException(a.name + ": '" + arg + "' reads environment variable "
                        + value.substring(4) + ", which is not set or which this run may not read");
            }
            return resolved;
        }
        return value;
    }

    private static JsonNode readProxy(Args a) throws ActivityFailedException, InterruptedException {
        JsonHttp.Response r =
                JsonHttp.send("GET", api(a) + "/proxies/" + Toxiproxy.enc(a.str("proxy_name")), null, a.timeout);
        return r.status() / 100 == 2 ? r.body() : null;
    }
}
