package dev.kintsugi.gameday;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.proxy.KintsugiProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real parts for game-day tests: a shop's HTTP service behind an embedded Kintsugi proxy (free ports) and a Chaos
 * Toolkit experiment that adds latency on the proxy and holds it for a while (its rollback removes it).
 */
final class GameDayFixture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final HttpServer shop;
    final KintsugiProxy proxy;
    final String api;
    final String proxyName = "payments";

    GameDayFixture() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        shop.createContext("/", exchange -> {
            byte[] body = "paid".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        shop.start();
        proxy = new KintsugiProxy("127.0.0.1", 0).start();
        api = "http://127.0.0.1:" + proxy.port();
        send("POST", api + "/proxies", """
                {"name": "%s", "listen": "127.0.0.1:0", "upstream": "127.0.0.1:%d"}""".formatted(
                        proxyName, shop.getAddress().getPort()));
    }

    /** Latency of 1500 ms on the proxy, held {@code holdSeconds}; no probe (the heroes are the probe). */
    String experiment(String title, int holdSeconds) {
        return """
                {"title": "%1$s", "description": "payments get slow",
                 "method": [{"type": "action", "name": "slow-payments",
                   "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                     "arguments": {"api_url": "%2$s", "proxy": "%3$s", "type": "latency",
                                   "attributes": {"latency": 1500}}},
                   "pauses": {"after": %4$d}}],
                 "rollbacks": [{"type": "action", "name": "fast-payments",
                   "provider": {"type": "kintsugi", "func": "remove_toxic", "timeout": 2,
                     "arguments": {"api_url": "%2$s", "proxy": "%3$s", "name": "latency_downstream"}}}]}
                """.formatted(title, api, proxyName, holdSeconds);
    }

    List<JsonNode> toxics() {
        List<JsonNode> list = new java.util.ArrayList<>();
        JSON.readTree(send("GET", api + "/proxies/" + proxyName + "/toxics", null))
                .forEach(list::add);
        return list;
    }

    static String send(String method, String url, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            b.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(b.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A team and a service it owns, in the catalog; returns the service's name. */
    static String service(CatalogManagement catalog, String name) {
        catalog.createTeam(new TeamDraft(name + "-team", "Team " + name, null, null, List.of()));
        catalog.createService(
                new ServiceDraft(name, "Shop " + name, null, Tier.TIER_2, name + "-team", null, null, null));
        return name;
    }

    /** A whole server of its own (free port) on the in-memory H2 database {@code db}, which outlives it. */
    static org.springframework.context.ConfigurableApplicationContext startServer(String db) {
        return new org.springframework.boot.builder.SpringApplicationBuilder(dev.kintsugi.KintsugiApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:" + db
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
                .run();
    }

    static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        proxy.close();
        shop.stop(0);
    }
}
