package dev.kintsugi.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** All proxies by name (Toxiproxy's "collection"): create, populate, reset, delete. */
public final class ProxyRegistry {
    private final Map<String, Proxy> proxies = new TreeMap<>();
    private final Proxy.Runtime runtime;

    ProxyRegistry(Proxy.Runtime runtime) {
        this.runtime = runtime;
    }

    public synchronized List<Proxy> all() {
        return List.copyOf(proxies.values());
    }

    public synchronized Proxy get(String name) {
        Proxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.notFound("proxy not found");
        }
        return proxy;
    }

    /** Creates and (unless {@code enabled} is false) starts a proxy; a failed start leaves nothing behind. */
    public synchronized Proxy create(JsonNode body) {
        Definition definition = Definition.parse(body);
        if (proxies.containsKey(definition.name)) {
            throw ApiException.conflict("proxy already exists");
        }
        Proxy proxy = definition.build(runtime);
        proxies.put(definition.name, proxy);
        return proxy;
    }

    /**
     * Toxiproxy's populate: creates the listed proxies, replaces those whose listen or upstream changed, leaves
     * identical ones alone. Everything is validated before anything changes.
     */
    public synchronized List<Proxy> populate(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest("bad request body: expected a JSON array of proxies");
        }
        List<Definition> definitions = new ArrayList<>();
        for (JsonNode node : body) {
            definitions.add(Definition.parse(node));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Definition definition : definitions) {
            if (!seen.add(definition.name)) {
                throw ApiException.badRequest("bad request body: proxy " + definition.name + " is listed twice");
            }
        }
        List<Proxy> result = new ArrayList<>();
        Map<String, Proxy> replaced = new java.util.LinkedHashMap<>();
        List<Proxy> built = new ArrayList<>();
        try {
            for (Definition definition : definitions) {
                Proxy existing = proxies.get(definition.name);
                if (existing != null
                        && existing.upstream().equals(definition.upstream)
                        && (existing.listen().equals(definition.listen) || sameRequestedListen(existing, definition))) {
                    result.add(existing);
                    continue;
                }
                if (existing != null && existing.enabled()) {
                    existing.stop(); // frees its port for the replacement
                    replaced.put(definition.name, existing);
                }
                Proxy proxy = definition.build(runtime);
                built.add(proxy);
                result.add(proxy);
            }
        } catch (RuntimeException e) {
            // all or nothing: the new ones go, the replaced ones come back
            built.forEach(Proxy::stop);
            replaced.values().forEach(old -> {
                try {
                    old.start();
                } catch (ApiException again) {
                    old.log(
                            System.Logger.Level.WARNING,
                            "populate failed and could not listen again: " + again.getMessage());
                }
            });
            throw e;
        }
        for (Proxy proxy : built) {
            Proxy old = proxies.put(proxy.name(), proxy);
            if (old != null) {
                old.stop();
                old.removeAllToxics(); // and their leases
            }
        }
        return result;
    }

    private static boolean sameRequestedListen(Proxy existing, Definition definition) {
        Addresses.HostPort wanted = Addresses.parse("listen", definition.listen);
        return wanted.port() != 0 && wanted.port() == existing.port();
    }

    public synchronized void delete(String name) {
        Proxy proxy = get(name);
        proxy.stop();
        proxy.removeAllToxics(); // and their leases
        proxies.remove(name);
    }

    /** Toxiproxy's reset: every proxy enabled again and every toxic removed. */
    public synchronized void reset() {
        for (Proxy proxy : proxies.values()) {
            proxy.removeAllToxics();
            try {
                proxy.start();
            } catch (ApiException e) {
                proxy.log(System.Logger.Level.WARNING, "reset could not listen again: " + e.getMessage());
            }
        }
    }

    /** Ends every lease whose end the clock has reached (the lease sweep; proxies lock one at a time). */
    void expireDue() {
        for (Proxy proxy : all()) {
            proxy.expireDue();
        }
    }

    public synchronized void stopAll() {
        proxies.values().forEach(Proxy::stop);
        proxies.clear();
    }

    private record Definition(String name, String listen, String upstream, boolean enabled) {
        static Definition parse(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("bad request body: expected a JSON object");
            }
            String name = Names.check("name", text(body, "name"));
            String upstream = text(body, "upstream");
            if (upstream.isEmpty()) {
                throw ApiException.badRequest("missing required field: upstream");
            }
            String listen = text(body, "listen");
            if (listen.isEmpty()) {
                listen = "127.0.0.1:0";
            }
            Addresses.parse("listen", listen);
            Addresses.parse("upstream", upstream);
            boolean enabled = !body.hasNonNull("enabled") || Proxy.bool(body.get("enabled"));
            return new Definition(name, listen, upstream, enabled);
        }

        Proxy build(Proxy.Runtime runtime) {
            Proxy proxy = new Proxy(name, listen, upstream, runtime);
            if (enabled) {
                proxy.start();
            }
            return proxy;
        }

        private static String text(JsonNode body, String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return "";
            }
            if (!node.isTextual()) {
                throw ApiException.badRequest("bad request body: " + field + " must be a string");
            }
            return node.asText();
        }
    }
}
