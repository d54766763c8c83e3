package dev.kintsugi.chaos.demo;

import dev.kintsugi.proxy.KintsugiProxy;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    static final JsonMapper JSON = JsonMapper.builder().build();

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
}
