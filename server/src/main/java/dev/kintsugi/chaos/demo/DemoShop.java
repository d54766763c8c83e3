package dev.kintsugi.chaos.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.proxy.KintsugiProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop: three small HTTP services on free loopback ports that call each other through an embedded Kintsugi
 * proxy, so that experiments have something real to break. {@code storefront} calls proxy {@code checkout}, which
 * forwards to {@code checkout}; {@code checkout} calls proxy {@code payments}, which forwards to {@code payments}.
 *
 * <p>{@code GET /health} of the storefront is its steady state: it calls checkout (which authorises a payment) and
 * answers 200 {@code UP} when that took at most {@link #HEALTH_BUDGET}, 503 {@code DEGRADED} when it was slower,
 * 503 {@code DOWN} when checkout failed; every hop has a client timeout, so a dependency that is down shows as an
 * error, never as a hang. {@code GET /} is the shop's page (it refreshes itself, to watch a fault from the browser).
 *
 * <p>{@link #close()} stops the services, their clients and the proxy: no port stays bound, no thread stays alive.
 */
final class DemoShop implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    /** The proxy in front of checkout (the storefront's dependency). */
    static final String CHECKOUT_PROXY = "checkout";
    /** The proxy in front of payments (checkout's dependency). */
    static final String PAYMENTS_PROXY = "payments";
    /** How long the storefront's health may take and still say UP. */
    static final Duration HEALTH_BUDGET = Duration.ofMillis(1000);
    /** The storefront's client timeout towards checkout. */
    static final Duration CHECKOUT_TIMEOUT = Duration.ofSeconds(5);
    /** Checkout's client timeout towards payments. */
    static final Duration PAYMENTS_TIMEOUT = Duration.ofSeconds(3);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Ports to bind again if they are free (after a restart, so stored targets stay valid); 0 = any free port. */
    record Ports(int admin, int storefront) {
        static final Ports ANY = new Ports(0, 0);
    }

    private final KintsugiProxy proxy;
    private final List<ShopService> services;
    private final ShopService storefront;

    private DemoShop(KintsugiProxy proxy, List<ShopService> services, ShopService storefront) {
        this.proxy = proxy;
        this.services = services;
        this.storefront = storefront;
    }

    /**
     * Starts the shop and its proxy (whose leases follow {@code clock}, as the server's journal does), and calls the
     * storefront's health once so that the first probe does not meet cold code.
     */
    static DemoShop start(Clock clock, Ports preferred) {
        List<ShopService> started = new ArrayList<>();
        KintsugiProxy proxy = null;
        try {
            proxy = startProxy(clock, preferred.admin());
            ShopService payments = new ShopService("payments", 0, null, null);
            started.add(payments);
            payments.handle("/authorize", payments::authorize);
            payments.handle("/health", e -> payments.json(e, 200, Map.of("status", "UP")));
            int paymentsHop = addProxy(proxy, PAYMENTS_PROXY, payments.port());

            ShopService checkout = new ShopService("checkout", 0, paymentsHop, PAYMENTS_TIMEOUT);
            started.add(checkout);
            checkout.handle("/checkout", checkout::checkout);
            checkout.handle("/health", e -> checkout.json(e, 200, Map.of("status", "UP")));
            int checkoutHop = addProxy(proxy, CHECKOUT_PROXY, checkout.port());

            ShopService storefront =
                    new ShopService("storefront", preferred.storefront(), checkoutHop, CHECKOUT_TIMEOUT);
            started.add(storefront);
            storefront.handle("/health", e -> storefront.health(e));
            storefront.handle("/", storefront::page);
            DemoShop shop = new DemoShop(proxy, List.copyOf(started), storefront);
            storefront.health();
            return shop;
        } catch (RuntimeException e) {
            for (ShopService s : started) {
                s.stop();
            }
            if (proxy != null) {
                proxy.close();
            }
            throw e;
        }
    }

    /** The proxy's admin API (Toxiproxy-compatible), e.g. {@code http://127.0.0.1:41234}. */
    String adminUrl() {
        return "http://" + HOST + ":" + proxy.port();
    }

    /** The storefront's page. */
    String storefrontUrl() {
        return "http://" + HOST + ":" + storefront.port() + "/";
    }

    /** The storefront's steady-state endpoint. */
    String healthUrl() {
        return "http://" + HOST + ":" + storefront.port() + "/health";
    }

    Ports ports() {
        return new Ports(proxy.port(), storefront.port());
    }

    /** Every port the shop holds: the proxy's admin API and listeners, and the three services. */
    List<Integer> boundPorts() {
        List<Integer> ports = new ArrayList<>();
        ports.add(proxy.port());
        proxy.proxies().all().forEach(p -> ports.add(p.port()));
        services.forEach(s -> ports.add(s.port()));
        return ports;
    }

    @Override
    public void close() {
        for (ShopService s : services.reversed()) {
            s.stop();
        }
        proxy.close();
    }

    private static KintsugiProxy startProxy(Clock clock, int preferredPort) {
        if (preferredPort > 0) {
            KintsugiProxy p = new KintsugiProxy(HOST, preferredPort, clock);
            try {
                return p.start();
            } catch (UncheckedIOException taken) {
                p.close();
            }
        }
        return new KintsugiProxy(HOST, 0, clock).start();
    }

    private static int addProxy(KintsugiProxy proxy, String name, int upstreamPort) {
        JsonNode body = JSON.createObjectNode()
                .put("name", name)
                .put("listen", HOST + ":0")
                .put("upstream", HOST + ":" + upstreamPort);
        return proxy.proxies().create(body).port();
    }

    /** One of the shop's services: an HTTP server on virtual threads, and its client towards its dependency. */
    private static final class ShopService {
        private final String name;
        private final HttpServer server;
        private final ExecutorService executor;
        private final HttpClient client;
        private final String dependency;
        private final Duration timeout;
        private final AtomicLong sequence = new AtomicLong();

        ShopService(String name, int preferredPort, Integer dependencyPort, Duration timeout) {
            this.name = name;
            this.executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("demo-shop-" + name + "-", 1).factory());
            this.server = bind(preferredPort);
            this.server.setExecutor(executor);
            this.timeout = timeout;
            if (dependencyPort == null) {
                this.client = null;
                this.dependency = null;
            } else {
                this.client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor)
                        .build();
                this.dependency = "http://" + HOST + ":" + dependencyPort;
            }
            server.start();
        }

        private static HttpServer bind(int preferredPort) {
            try {
                if (preferredPort > 0) {
                    try {
                        return HttpServer.create(new InetSocketAddress(HOST, preferredPort), 64);
                    } catch (BindException taken) {
                        // someone else has it now: any free port (the stored targets are updated)
                    }
                }
                return HttpServer.create(new InetSocketAddress(HOST, 0), 64);
            } catch (IOException e) {
                throw new UncheckedIOException("demo shop: cannot listen on " + HOST + ": " + e.getMessage(), e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void handle(String path, Handler handler) {
            server.createContext(path, exchange -> {
                try (exchange) {
                    handler.handle(exchange);
                } catch (RuntimeException e) {
                    json(exchange, 500, Map.of("status", "ERROR", "error", String.valueOf(e.getMessage())));
                }
            });
        }

        void authorize(HttpExchange e) throws IOException {
            json(e, 200, Map.of("payment", "authorised", "authorisation", "AUTH-" + sequence.incrementAndGet()));
        }

        void checkout(HttpExchange e) throws IOException {
            Call payment = call("/authorize");
            Map<String, Object> body = new LinkedHashMap<>();
            if (payment.status() == 200) {
                body.put("order", "ORD-" + sequence.incrementAndGet());
                body.put("payment", "authorised");
                body.put("paymentsMs", payment.millis());
                json(e, 200, body);
            } else {
                body.put("status", "ERROR");
                body.put("error", "payments: " + payment.error());
                body.put("paymentsMs", payment.millis());
                json(e, 502, body);
            }
        }

        /** The storefront's steady state: checkout answers, within the budget. */
        Health health() {
            Call checkout = call("/checkout");
            if (checkout.status() != 200) {
                return new Health(503, "DOWN", checkout.millis(), "checkout: " + checkout.error());
            }
            return checkout.millis() <= HEALTH_BUDGET.toMillis()
                    ? new Health(200, "UP", checkout.millis(), null)
                    : new Health(503, "DEGRADED", checkout.millis(), null);
        }

        void health(HttpExchange e) throws IOException {
            Health h = health();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", h.status());
            body.put("checkoutMs", h.millis());
            body.put("budgetMs", HEALTH_BUDGET.toMillis());
            if (h.error() != null) {
                body.put("error", h.error());
            }
            json(e, h.code(), body);
        }

        void page(HttpExchange e) throws IOException {
            if (!"/".equals(e.getRequestURI().getPath())) {
                json(e, 404, Map.of("status", "NOT_FOUND"));
                return;
            }
            Health h = health();
            String color = switch (h.status()) {
                case "UP" -> "#1b7f3b";
                case "DEGRADED" -> "#a15c00";
                default -> "#b3261e";
            };
            String html = """
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <meta http-equiv="refresh" content="2">
                    <title>Demo shop</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
                    .status{font-weight:600;color:%s}li{margin:.3rem 0}</style></head>
                    <body><h1>Demo shop</h1>
                    <p>A shop running inside Kintsugi: storefront &rarr; proxy <code>checkout</code> &rarr; checkout
                    &rarr; proxy <code>payments</code> &rarr; payments.</p>
                    <ul><li>Kintsugi bowl &mdash; 120 &euro;</li><li>Gold lacquer kit &mdash; 45 &euro;</li></ul>
                    <p>Checkout: <span class="status" id="checkout-status">%s</span> in %d ms (budget %d ms)%s</p>
                    <p><small>This page refreshes every 2 seconds.</small></p>
                    </body></html>
                    """.formatted(
                            color,
                            h.status(),
                            h.millis(),
                            HEALTH_BUDGET.toMillis(),
                            h.error() == null ? "" : " &mdash; " + escape(h.error()));
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            e.sendResponseHeaders(200, bytes.length);
            e.getResponseBody().write(bytes);
        }

        /** Calls this service's dependency; never longer than its timeout. */
        Call call(String path) {
            long started = System.nanoTime();
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(dependency + path))
                                .timeout(timeout)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return new Call(r.statusCode(), elapsed(started), "HTTP " + r.statusCode());
            } catch (HttpTimeoutException t) {
                return new Call(0, elapsed(started), "no answer within " + timeout.toMillis() + " ms");
            } catch (IOException io) {
                return new Call(
                        0, elapsed(started), "unreachable (" + io.getClass().getSimpleName() + ")");
            } catch (InterruptedException i) {
                Thread.currentThread().interrupt();
                return new Call(0, elapsed(started), "interrupted");
            }
        }

        void json(HttpExchange e, int status, Map<String, ?> body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            e.getResponseHeaders().set("Content-Type", "application/json");
            e.sendResponseHeaders(status, bytes.length);
            e.getResponseBody().write(bytes);
        }

        void stop() {
            server.stop(0);
            if (client != null) {
                client.shutdownNow();
            }
            executor.shutdownNow();
            try {
                if (client != null) {
                    client.awaitTermination(Duration.ofSeconds(5));
                }
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "demo shop " + name + " on " + HOST + ":" + port();
        }

        private static long elapsed(long started) {
            return (System.nanoTime() - started) / 1_000_000;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private record Call(int status, long millis, String error) {}

    private record Health(int code, String status, long millis, String error) {}
}
