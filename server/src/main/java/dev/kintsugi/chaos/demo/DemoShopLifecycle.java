package dev.kintsugi.chaos.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.DemoLogins;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo shop in the application ({@code kintsugi.demo=true}, unless {@code kintsugi.chaos.demo-shop.enabled} is
 * false). It starts with the application context (before the chaos module's start-up recovery, so a fault a crashed
 * run left on the shop's proxy finds it again: the shop binds its former ports when they are free), is set up once
 * the incident and post-mortem demo data exist (an application runner ordered after them), and on the first start
 * runs each demo experiment once in the background. Stopping the application stops the demo's runs in progress
 * (their rollbacks run), then the shop and its proxy: no port stays bound, no thread stays alive.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
@ConditionalOnExpression("${kintsugi.demo:false} and ${kintsugi.chaos.demo-shop.enabled:true}")
class DemoShopLifecycle implements SmartLifecycle, ApplicationRunner {
    /** The catalog services' prefix: {@code shop-storefront}, {@code shop-checkout}, {@code shop-payments}. */
    static final String PREFIX = "shop";

    private static final Logger log = LoggerFactory.getLogger(DemoShopLifecycle.class);

    private final DemoShopSetup setup;
    private final ChaosRuns runs;
    private final Clock clock;
    private final DemoShopProperties properties;
    private final DemoShopRuns history;
    private final DemoLogins logins;
    private volatile DemoShop shop;
    private volatile DemoShopSetup.Result result;

    DemoShopLifecycle(
            CatalogManagement catalog,
            ChaosTargets targets,
            ChaosExperiments experiments,
            ChaosRuns runs,
            Clock clock,
            DemoShopProperties properties,
            DemoLogins logins) {
        this.logins = logins;
        this.setup = new DemoShopSetup(catalog, targets, experiments);
        this.runs = runs;
        this.clock = clock;
        this.properties = properties;
        this.history = new DemoShopRuns(runs, properties.faultDuration());
    }

    @Override
    public synchronized void start() {
        if (shop != null) {
            return;
        }
        try {
            DemoShop.Ports former = Actor.runAsSystem("demo shop: the ports it had", () -> setup.storedPorts(PREFIX));
            shop = DemoShop.start(clock, former);
        } catch (RuntimeException e) {
            // the rest of the demo is still worth having: say why the shop is missing, and go on without it
            log.warn("Demo shop not started: {}", e.toString());
            return;
        }
        log.info(
                "Demo shop: storefront {} (health {}), proxy admin API {}",
                shop.storefrontUrl(),
                shop.healthUrl(),
                shop.adminUrl());
        if (result != null) {
            history.resume(); // started again after a stop: finish the past runs the stop cut short
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoShop running = shop;
        if (running == null) {
            return;
        }
        DemoShopSetup.Result r;
        try {
            r = Actor.runAsSystem(
                    "demo shop: catalog services, chaos targets, policy and experiments",
                    () -> setup.apply(running, PREFIX, properties.faultDuration()));
        } catch (RuntimeException e) {
            // each step is idempotent: the next start completes what this one could not
            log.warn("Demo shop: set-up incomplete, the shop runs without its experiments", e);
            return;
        }
        result = r;
        logins.suggest("chaos.demo.login.try");
        if (r.created() && properties.pastRuns()) {
            history.start(List.of(r.checkoutLatency(), r.paymentsDown()));
        }
        System.out.println("\n  Demo shop: " + running.storefrontUrl() + " — open Experiments → "
                + DemoExperiments.CHECKOUT_LATENCY + " → Run, watch the probe deviate and the rollback heal it\n");
    }

    /** The running shop, when there is one. */
    Optional<DemoShop> shop() {
        return Optional.ofNullable(shop);
    }

    /** What the set-up made, once it ran. */
    Optional<DemoShopSetup.Result> setup() {
        return Optional.ofNullable(result);
    }

    @Override
    public synchronized void stop() {
        DemoShop running = shop;
        if (running == null) {
            return;
        }
        history.stop();
        DemoShopSetup.Result r = result;
        if (r != null) {
            stopRuns(Set.of(r.checkoutLatency(), r.paymentsDown()));
        }
        running.close();
        shop = null;
        log.info("Demo shop stopped");
    }

    /** Stops the demo experiments' runs in progress and waits (a while) for their rollbacks, which need the shop. */
    private void stopRuns(Set<Long> experiments) {
        try {
            Actor.runAsSystem("demo shop: the application stops", () -> {
                List<Long> stopping = runs.running().stream()
                        .filter(run -> experiments.contains(run.experimentId()))
                        .map(RunView::id)
                        .toList();
                for (long id : stopping) {
                    try {
                        runs.stop(id, "the server is stopping");
                    } catch (RuntimeException e) {
                        log.debug("Demo shop: run {} already ended", id, e);
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline
                        && stopping.stream().anyMatch(id -> runs.get(id).running())) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("Demo shop: could not stop its runs before stopping", e);
        }
    }

    @Override
    public boolean isRunning() {
        return shop != null;
    }
}
