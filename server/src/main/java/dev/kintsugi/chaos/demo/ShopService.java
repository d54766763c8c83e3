package dev.kintsugi.chaos.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One of the shop's services: an HTTP server on virtual threads, and its client towards its dependency. */
final class ShopService {
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
            this.dependency = "http://" + DemoShop.HOST + ":" + dependencyPort;
        }
        server.start();
    }

    private static HttpServer bind(int preferredPort) {
        try {
            if (preferredPort > 0) {
                try {
                    return HttpServer.create(new InetSocketAddress(DemoShop.HOST, preferredPort), 64);
                } catch (BindException taken) {
                    // someone else has it now: any free port (the stored targets are updated)
                }
            }
            return HttpServer.create(new InetSocketAddress(DemoShop.HOST, 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("demo shop: cannot listen on " + DemoShop.HOST + ": " + e.getMessage(), e);
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
        return checkout.millis() <= DemoShop.HEALTH_BUDGET.toMillis()
                ? new Health(200, "UP", checkout.millis(), null)
                : new Health(503, "DEGRADED", checkout.millis(), null);
    }

    void health(HttpExchange e) throws IOException {
        Health h = health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", h.status());
        body.put("checkoutMs", h.millis());
        body.put("budgetMs", DemoShop.HEALTH_BUDGET.toMillis());
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
                        DemoShop.HEALTH_BUDGET.toMillis(),
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
            return new Call(0, elapsed(started), "unreachable (" + io.getClass().getSimpleName() + ")");
        } catch (InterruptedException i) {
            Thread.currentThread().interrupt();
            return new Call(0, elapsed(started), "interrupted");
        }
    }

    void json(HttpExchange e, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = DemoShop.JSON.writeValueAsBytes(body);
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
        return "demo shop " + name + " on " + DemoShop.HOST + ":" + port();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

@FunctionalInterface
interface Handler {
    void handle(HttpExchange exchange) throws IOException;
}

record Call(int status, long millis, String error) {}

record Health(int code, String status, long millis, String error) {}
