package dev.kintsugi.chaos;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.proxy.KintsugiProxy;
import dev.kintsugi.support.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real parts for chaos tests: a small HTTP service, an embedded Kintsugi proxy in front of it (free ports), and a
 * Chaos Toolkit experiment whose probe goes through the proxy and whose method adds latency there.
 */
final class ChaosFixture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final HttpServer app;
    final KintsugiProxy proxy;
    final String api;
    final String proxyName;
    final int listenPort;

    ChaosFixture(String proxyName) throws IOException {
        this.proxyName = proxyName;
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        app.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        app.start();
        proxy = new KintsugiProxy("127.0.0.1", 0).start();
        api = "http://127.0.0.1:" + proxy.port();
        send(
                "POST",
                api + "/proxies",
                "{\"name\": \"" + proxyName + "\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:"
                        + app.getAddress().getPort() + "\"}");
        String listen = JSON.readTree(send("GET", api + "/proxies/" + proxyName, null))
                .path("listen")
                .asString();
        listenPort = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    /** The experiment: the service answers 200 within 1 s through the proxy; latency of {@code ms} is added. */
    String experiment(String title, int latencyMs, double pauseSeconds) {
        return """
                {"title": "%1$s", "description": "latency on the dependency",
                 "steady-state-hypothesis": {"title": "the service answers",
                   "probes": [{"type": "probe", "name": "service-answers", "tolerance": 200,
                     "provider": {"type": "http", "url": "http://127.0.0.1:%2$d/", "timeout": 1}}]},
                 "method": [{"type": "action", "name": "add-latency",
                   "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                     "arguments": {"api_url": "%3$s", "proxy": "%4$s", "type": "latency",
                                   "attributes": {"latency": %5$d}}},
                   "pauses": {"after": %6$s}}],
                 "rollbacks": [{"type": "action", "name": "remove-latency",
                   "provider": {"type": "kintsugi", "func": "remove_toxic", "timeout": 2,
                     "arguments": {"api_url": "%3$s", "proxy": "%4$s", "name": "latency_downstream"}}}]}
                """.formatted(title, listenPort, api, proxyName, latencyMs, pauseSeconds);
    }

    /** The same without rollbacks: only the engine's and the server's safety nets remove the fault. */
    String experimentWithoutRollback(String title, int latencyMs, double pauseSeconds) {
        String full = experiment(title, latencyMs, pauseSeconds);
        return full.substring(0, full.indexOf(",\n \"rollbacks\"")) + "}";
    }

    List<JsonNode> toxics() {
        List<JsonNode> list = new java.util.ArrayList<>();
        JSON.readTree(send("GET", api + "/proxies/" + proxyName + "/toxics", null))
                .forEach(list::add);
        return list;
    }

    /** Whether the fixture's proxy is enabled, as its admin API says. */
    boolean proxyEnabled() {
        return JSON.readTree(send("GET", api + "/proxies/" + proxyName, null))
                .path("enabled")
                .asBoolean();
    }

    static String send(String method, String url, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            b.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A team and a service owned by it; returns the service's name. */
    static String service(CatalogManagement catalog, String prefix) {
        String team = prefix + "-team";
        catalog.createTeam(new TeamDraft(team, "Team " + team, null, null, List.of()));
        catalog.createService(new ServiceDraft(prefix, "Service " + prefix, null, Tier.TIER_2, team, null, null, null));
        return prefix;
    }

    static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        return Eventually.poll(timeout, condition);
    }

    @Override
    public void close() {
        proxy.close();
        app.stop(0);
    }
}
