package dev.kintsugi.chaos.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop on its own, through real sockets: the storefront's health follows its dependencies through the
 * embedded proxy (latency makes it DEGRADED, a proxy disabled makes it DOWN at once, not a hang), and closing it
 * frees every port and ends every thread it started.
 */
class DemoShopTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private DemoShop shop;

    @AfterEach
    void close() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void theStorefrontsHealthFollowsItsDependenciesThroughTheProxy() throws Exception {
        shop = DemoShop.start(Clock.systemUTC(), DemoShop.Ports.ANY);
        Response up = get(shop.healthUrl());
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("status").asString()).isEqualTo("UP");
        assertThat(get(shop.storefrontUrl()).body()).contains("Demo shop", "id=\"checkout-status\"", ">UP<");

        JsonNode proxies = get(shop.adminUrl() + "/proxies").json();
        assertThat(proxies.propertyNames()).contains(DemoShop.CHECKOUT_PROXY, DemoShop.PAYMENTS_PROXY);

        // latency on checkout → payments: the storefront still answers, but over its budget
        send(
                "POST",
                shop.adminUrl() + "/proxies/payments/toxics",
                "{\"name\": \"latency_downstream\", \"type\": \"latency\", \"stream\": \"downstream\","
                        + " \"attributes\": {\"latency\": " + DemoExperiments.LATENCY_MS + "}}");
        Response slow = get(shop.healthUrl());
        assertThat(slow.status()).as(slow.body()).isEqualTo(503);
        assertThat(slow.json().path("status").asString()).isEqualTo("DEGRADED");
        assertThat(slow.json().path("checkoutMs").asLong()).isGreaterThanOrEqualTo(DemoExperiments.LATENCY_MS);
        send("DELETE", shop.adminUrl() + "/proxies/payments/toxics/latency_downstream", null);
        assertThat(get(shop.healthUrl()).status()).isEqualTo(200);

        // payments down: an answer that says so (every hop has a timeout), not a hang
        send("POST", shop.adminUrl() + "/proxies/payments", "{\"enabled\": false}");
        Response down = get(shop.healthUrl());
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(down.json().path("error").asString()).contains("checkout: HTTP 502");
        assertThat(get(shop.storefrontUrl()).body()).contains(">DOWN<");
        send("POST", shop.adminUrl() + "/proxies/payments", "{\"enabled\": true}");
        assertThat(get(shop.healthUrl()).status()).isEqualTo(200);
    }

    @Test
    void closingFreesEveryPortAndEndsEveryThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        shop = DemoShop.start(Clock.systemUTC(), DemoShop.Ports.ANY);
        assertThat(get(shop.healthUrl()).status()).isEqualTo(200);
        List<Integer> ports = shop.boundPorts();
        assertThat(ports).hasSize(6).doesNotHaveDuplicates();
        DemoShop.Ports had = shop.ports();
        shop.close();
        shop = null;

        for (int port : ports) {
            assertThat(free(port)).as("port " + port + " is free again").isTrue();
        }
        assertThat(poll(Duration.ofSeconds(10), () -> startedSince(before).isEmpty()))
                .as(() -> "threads left: " + startedSince(before))
                .isTrue();

        // started again (a restart), it takes the same ports when they are free
        shop = DemoShop.start(Clock.systemUTC(), had);
        assertThat(shop.ports()).isEqualTo(had);
        assertThat(get(shop.healthUrl()).status()).isEqualTo(200);
    }

    @Test
    void aTakenPortIsReplacedByAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(DemoShop.HOST))) {
            shop = DemoShop.start(Clock.systemUTC(), new DemoShop.Ports(taken.getLocalPort(), taken.getLocalPort()));
            assertThat(shop.ports().admin()).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(shop.ports().storefront())
                    .isNotEqualTo(taken.getLocalPort())
                    .isPositive();
            assertThat(get(shop.healthUrl()).status()).isEqualTo(200);
        }
    }

    /**
     * Live platform threads that were not there before and are of the kinds the shop starts: the HTTP servers'
     * dispatchers, the HTTP clients' selectors, the proxy's lease timer and its pumps (the shop's own virtual threads
     * end with their executors). Other kinds are left out: other tests' contexts live in this JVM and grow and
     * shrink their own pools meanwhile.
     */
    private static Set<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(n -> n.equals("HTTP-Dispatcher")
                        || n.equals("kintsugi-leases")
                        || n.startsWith("HttpClient-")
                        || n.startsWith("demo-shop")
                        || n.matches("(up|down|toxics|accept)-.*"))
                .collect(Collectors.toSet());
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(DemoShop.HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        return Eventually.poll(timeout, condition);
    }

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Response get(String url) throws IOException, InterruptedException {
        return send("GET", url, null);
    }

    static Response send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }
}
