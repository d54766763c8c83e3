package dev.kintsugi.experiment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Toxiproxy-compatible API (the parts the kintsugi provider uses) that records every call and honours
 * {@code ttl_ms} like Kintsugi's proxy: a toxic or a disabled proxy reverts by itself when its lease ends.
 */
final class FakeToxiproxy implements AutoCloseable {

    record Call(String method, String path, JsonNode body, long nanos) {}

    record Toxic(ObjectNode json, long expiresNanos) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** proxy/toxic → toxic. */
    final Map<String, Toxic> toxics = new ConcurrentHashMap<>();
    /** proxy → lease end of its disabled state (Long.MAX_VALUE without lease). */
    final Map<String, Long> disabled = new ConcurrentHashMap<>();
    /** proxy/toxic (or proxy) → when it went away, and why ("api" or "lease"). */
    final Map<String, String> removedBy = new ConcurrentHashMap<>();

    final Map<String, Long> removedAt = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();

    FakeToxiproxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/proxies", this::handle);
        server.start();
        sweeper.scheduleAtFixedRate(this::sweep, 10, 10, TimeUnit.MILLISECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void sweep() {
        long now = System.nanoTime();
        toxics.forEach((k, t) -> {
            if (now >= t.expiresNanos() && toxics.remove(k, t)) {
                removed(k, "lease");
            }
        });
        disabled.forEach((k, until) -> {
            if (now >= until && disabled.remove(k, until)) {
                removed(k, "lease");
            }
        });
    }

    private void removed(String key, String why) {
        removedBy.put(key, why);
        removedAt.put(key, System.nanoTime());
    }

    private static long expiry(JsonNode lease) {
        return lease.isNumber() ? System.nanoTime() + lease.asLong() * 1_000_000 : Long.MAX_VALUE;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] in = exchange.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? null : ExperimentLoader.JSON.readTree(in);
        calls.add(new Call(method, path, body, System.nanoTime()));
        String[] parts = path.split("/"); // "", proxies, name, toxics, toxic
        String proxy = parts.length > 2 ? parts[2] : "";
        int status;
        JsonNode response = null;
        if (parts.length == 4 && method.equals("POST")) {
            String key = proxy + "/" + body.path("name").asText();
            if (toxics.containsKey(key)) {
                status = 409;
            } else {
                ObjectNode toxic = ((ObjectNode) body).deepCopy();
                toxics.put(key, new Toxic(toxic, expiry(body.path("ttl_ms"))));
                status = 200;
                response = toxic;
            }
        } else if (parts.length == 4 && method.equals("GET")) {
            ArrayNode list = ExperimentLoader.JSON.createArrayNode();
            toxics.forEach((k, t) -> {
                if (k.startsWith(proxy + "/")) {
                    list.add(t.json());
                }
            });
            status = 200;
            response = list;
        } else if (parts.length == 5 && method.equals("DELETE")) {
            String key = proxy + "/" + parts[4];
            if (toxics.remove(key) != null) {
                removed(key, "api");
                status = 204;
            } else {
                status = 404;
            }
        } else if (parts.length == 3 && (method.equals("POST") || method.equals("PATCH"))) {
            if (body.path("enabled").asBoolean(true)) {
                if (disabled.remove(proxy) != null) {
                    removed(proxy, "api");
                }
            } else {
                disabled.put(proxy, expiry(body.path("ttl_ms")));
            }
            status = 200;
            response = ExperimentLoader.JSON
                    .createObjectNode()
                    .put("name", proxy)
                    .put("enabled", !disabled.containsKey(proxy));
        } else {
            status = 404;
        }
        byte[] out = response == null ? new byte[0] : response.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 || out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        server.stop(0);
    }
}
