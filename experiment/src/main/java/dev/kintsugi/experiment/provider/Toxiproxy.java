package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Fault;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Toxiproxy 2.x HTTP API as faults: what {@code kintsugi.add_toxic} & co and the native {@code chaostoxi}
 * functions share. Every fault is announced to the run before the request ({@link RunContext#injecting}), carries a
 * lease ({@code ttl_ms}, honoured by Kintsugi's proxy, ignored by a real Toxiproxy) and is renewed while the run
 * lives.
 */
final class Toxiproxy {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Toxiproxy() {}

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The record of a toxic (what {@link dev.kintsugi.experiment.FaultReverter} removes). */
    static Fault toxicFault(String api, String proxy, String name, Instant leaseExpiry) {
        return new Fault(
                "toxic:" + api + "/" + proxy + "/" + name,
                Fault.KIND_TOXIC,
                "toxic " + name + " on proxy " + proxy + " at " + api,
                Map.of("api_url", api, "proxy", proxy, "toxic", name),
                leaseExpiry);
    }

    static Fault proxyDisabledFault(String api, String proxy, Instant leaseExpiry) {
        return new Fault(
                "proxy-disabled:" + api + "/" + proxy,
                Fault.KIND_PROXY_DISABLED,
                "proxy " + proxy + " disabled at " + api,
                Map.of("api_url", api, "proxy", proxy),
                leaseExpiry);
    }

    /**
     * Creates {@code toxic} (its {@code name} set) on {@code proxy} with a lease of {@code leaseMs}; with
     * {@code updateExisting} a 409 (the toxic exists) updates it instead. Returns the API's answer, 2xx or not: the
     * caller decides what a refusal means (the fault stays registered, so the leftover revert deletes it).
     */
    static JsonHttp.Response addToxic(
            RunContext context,
            String api,
            String proxy,
            ObjectNode toxic,
            long leaseMs,
            Duration timeout,
            boolean updateExisting)
            throws ActivityFailedException, InterruptedException {
        String name = toxic.path("name").asString();
        toxic.put("ttl_ms", leaseMs);
        String base = api + "/proxies/" + enc(proxy) + "/toxics";
        Fault fault = toxicFault(api, proxy, name, context.leaseExpiry(leaseMs));
        context.injecting(fault, () -> context.reverter().revert(fault), () -> {
            // Toxiproxy's update of a toxic; the Kintsugi proxy restarts the lease from now
            long renewal = context.renewalLease().toMillis();
            JsonHttp.Response r =
                    JsonHttp.send("POST", base + "/" + enc(name), F.objectNode().put("ttl_ms", renewal), timeout);
            if (r.status() / 100 == 2) {
                context.renewed(fault.key(), context.leaseExpiry(renewal));
            }
        });
        JsonHttp.Response response = JsonHttp.send("POST", base, toxic, timeout);
        if (response.status() == 409 && updateExisting) {
            response = JsonHttp.send("POST", base + "/" + enc(name), toxic, timeout);
        }
        if (response.status() / 100 == 2) {
            context.injected(fault.key());
        }
        return response;
    }

    /** Deletes a toxic; a 404 (already gone, e.g. its lease ended) counts as removed. Returns the status. */
    static int deleteToxic(RunContext context, String api, String proxy, String name, Duration timeout)
            throws ActivityFailedException, InterruptedException {
        String key = toxicFault(api, proxy, name, null).key();
        JsonHttp.Response r;
        try {
            r = JsonHttp.send("DELETE", api + "/proxies/" + enc(proxy) + "/toxics/" + enc(name), null, timeout);
        } catch (ActivityFailedException e) {
            context.removalFailed(key, e.getMessage());
            throw e;
        }
        if (r.status() / 100 == 2 || r.status() == 404) {
            context.removed(key);
        } else {
            context.removalFailed(key, "HTTP " + r.status() + " " + r.text());
        }
        return r.status();
    }

    /**
     * Updates a proxy ({@code POST /proxies/{proxy}}); {@code "enabled": false} in {@code body} is a fault with a
     * lease of {@code leaseMs}, {@code "enabled": true} removes it. Returns the API's answer.
     */
    static JsonHttp.Response updateProxy(
            RunContext context, String api, String proxy, ObjectNode body, long leaseMs, Duration timeout)
            throws ActivityFailedException, InterruptedException {
        String url = api + "/proxies/" + enc(proxy);
        String key = proxyDisabledFault(api, proxy, null).key();
        boolean disabling = body.has("enabled") && !body.path("enabled").asBoolean(true);
        boolean enabling = body.has("enabled") && body.path("enabled").asBoolean(false);
        if (disabling) {
            body.put("ttl_ms", leaseMs);
            Fault fault = proxyDisabledFault(api, proxy, context.leaseExpiry(leaseMs));
            context.injecting(fault, () -> context.reverter().revert(fault), () -> {
                long renewal = context.renewalLease().toMillis();
                JsonHttp.Response r = JsonHttp.send(
                        "POST", url, F.objectNode().put("enabled", false).put("ttl_ms", renewal), timeout);
                if (r.status() / 100 == 2) {
                    context.renewed(key, context.leaseExpiry(renewal));
                }
            });
        }
        JsonHttp.Response r = JsonHttp.send("POST", url, body, timeout);
        if (r.status() / 100 == 2) {
            if (disabling) {
                context.injected(key);
            } else if (enabling) {
                context.removed(key);
            }
        } else if (enabling) {
            context.removalFailed(key, "HTTP " + r.status() + " " + r.text());
        }
        return r;
    }

    /** {@code POST /reset}: every toxic removed and every proxy enabled, so this run's faults there are gone. */
    static JsonHttp.Response reset(RunContext context, String api, Duration timeout)
            throws ActivityFailedException, InterruptedException {
        JsonHttp.Response r = JsonHttp.send("POST", api + "/reset", null, timeout);
        if (r.status() / 100 == 2) {
            for (RunContext.Registered f : context.faultsInPlace()) {
                String kind = f.fault().kind();
                if ((kind.equals(Fault.KIND_TOXIC) || kind.equals(Fault.KIND_PROXY_DISABLED))
                        && api.equals(f.fault().target().get("api_url"))) {
                    context.removed(f.fault().key());
                }
            }
        }
        return r;
    }
}
