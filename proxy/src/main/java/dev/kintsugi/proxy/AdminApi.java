package dev.kintsugi.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Toxiproxy 2.x's HTTP API (paths, JSON shapes, status codes) plus {@code GET /metrics}. */
final class AdminApi implements HttpHandler {
    static final String VERSION = "2.12.0-kintsugi";
    private static final int MAX_BODY = 1 << 20;
    private static final System.Logger LOG = System.getLogger("dev.kintsugi.proxy.api");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final ProxyRegistry registry;
    private final LongSupplier faultsExpired;
    private final AdminAccess access;

    AdminApi(ProxyRegistry registry, LongSupplier faultsExpired, AdminAccess access) {
        this.registry = registry;
        this.faultsExpired = faultsExpired;
        this.access = access;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                access.check(exchange);
                route(exchange);
            } catch (ApiException e) {
                error(exchange, e.status(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "admin API failure", e);
                error(exchange, 500, e.toString());
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String[] parts = Names.segments(ex.getRequestURI().getRawPath());
        String first = parts[0];
        boolean update = method.equals("POST") || method.equals("PATCH");
        switch (parts.length) {
            case 1 -> {
                switch (first + " " + method) {
                    case "proxies GET" -> {
                        ObjectNode all = json.createObjectNode();
                        registry.all().forEach(p -> all.set(p.name(), p.toJson()));
                        send(ex, 200, all);
                    }
                    case "proxies POST" ->
                        send(ex, 201, registry.create(body(ex)).toJson());
                    case "populate POST" -> {
                        List<Proxy> proxies = registry.populate(body(ex));
                        ObjectNode result = json.createObjectNode();
                        ArrayNode array = result.putArray("proxies");
                        proxies.forEach(p -> array.add(p.toJson()));
                        send(ex, 201, result);
                    }
                    case "reset POST" -> {
                        registry.reset();
                        empty(ex);
                    }
                    case "version GET" -> send(ex, 200, json.createObjectNode().put("version", VERSION));
                    case "metrics GET" -> text(ex, MetricsText.render(registry.all(), faultsExpired.getAsLong()));
                    default -> notFound(ex, method);
                }
            }
            case 2 -> {
                requireProxies(first);
                Proxy proxy = registry.get(parts[1]);
                if (method.equals("GET")) {
                    send(ex, 200, proxy.toJson());
                } else if (update) {
                    proxy.update(body(ex));
                    send(ex, 200, proxy.toJson());
                } else if (method.equals("DELETE")) {
                    registry.delete(proxy.name());
                    empty(ex);
                } else {
                    notFound(ex, method);
                }
            }
            case 3 -> {
                requireProxies(first);
                Proxy proxy = registry.get(parts[1]);
                if (!parts[2].equals("toxics")) {
                    notFound(ex, method);
                } else if (method.equals("GET")) {
                    ArrayNode array = json.createArrayNode();
                    proxy.toxics().forEach(t -> array.add(t.toJson()));
                    send(ex, 200, array);
                } else if (method.equals("POST")) {
                    send(ex, 200, proxy.addToxic(body(ex)).toJson());
                } else {
                    notFound(ex, method);
                }
            }
            case 4 -> {
                requireProxies(first);
                Proxy proxy = registry.get(parts[1]);
                if (!parts[2].equals("toxics")) {
                    notFound(ex, method);
                } else if (method.equals("GET")) {
                    send(ex, 200, proxy.toxic(parts[3]).toJson());
                } else if (update) {
                    send(ex, 200, proxy.updateToxic(parts[3], body(ex)).toJson());
                } else if (method.equals("DELETE")) {
                    proxy.removeToxic(parts[3]);
                    empty(ex);
                } else {
                    notFound(ex, method);
                }
            }
            default -> notFound(ex, method);
        }
    }

    private static void requireProxies(String first) {
        if (!first.equals("proxies")) {
            throw ApiException.notFound("not found");
        }
    }

    private static void notFound(HttpExchange ex, String method) {
        throw ApiException.notFound(
                "no route for " + method + " " + ex.getRequestURI().getPath());
    }

    private JsonNode body(HttpExchange ex) throws IOException {
        AdminAccess.checkBodyType(ex);
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw ApiException.badRequest("bad request body: larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("bad request body: empty");
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("bad request body: " + e.getOriginalMessage());
        }
    }

    private void send(HttpExchange ex, int status, JsonNode node) throws IOException {
        byte[] bytes = json.writeValueAsBytes(node);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void text(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void empty(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(204, -1);
    }

    private void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode node = json.createObjectNode().put("error", message).put("status", status);
        send(ex, status, node);
    }
}
