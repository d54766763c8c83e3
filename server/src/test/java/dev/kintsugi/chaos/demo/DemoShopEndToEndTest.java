package dev.kintsugi.chaos.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Eventually;
import dev.kintsugi.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The demo shop in the shared test context, started and stopped by the test itself: set up through the chaos and
 * catalog facades, then "Checkout latency" run through the real API. Its probe deviates (the storefront's health
 * answers 503 against a tolerance of 200 under the latency on checkout → payments), the rollback removes the toxic
 * from the proxy (its admin API says so), and the steady state holds again (recovered, and the shop's health
 * really answers 200). A restart on other ports moves the targets and the experiments' addresses.
 */
class DemoShopEndToEndTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosTargets targets;

    @Autowired
    ChaosExperiments experiments;

    @Autowired
    ChaosRuns runs;

    @Autowired
    Clock clock;

    private DemoShop shop;

    @AfterEach
    void stopShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void checkoutLatencyDeviatesTheProbeAndTheRollbackHealsIt() throws Exception {
        String prefix = unique("shop");
        DemoShopSetup setup = new DemoShopSetup(catalog, targets, experiments);
        shop = DemoShop.start(clock, DemoShop.Ports.ANY);
        DemoShopSetup.Result r = Actor.runAsSystem(
                "test: the demo shop's set-up", () -> setup.apply(shop, prefix, Duration.ofSeconds(3)));
        assertThat(r.created()).isTrue();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);

        // the targets: the proxy's admin API and the storefront's health, both reachable now
        JsonNode storefrontTargets = engineer.get("/api/v1/services/" + r.storefront() + "/chaos-targets")
                .json();
        assertThat(storefrontTargets
                        .valueStream()
                        .map(t ->
                                t.path("kind").asString() + " " + t.path("url").asString()))
                .containsExactlyInAnyOrder("PROXY " + shop.adminUrl(), "HTTP " + shop.healthUrl());
        for (JsonNode t : storefrontTargets) {
            JsonNode reach = engineer.get("/api/v1/services/" + r.storefront() + "/chaos-targets/"
                            + t.path("id").asLong() + "/reachability")
                    .json();
            assertThat(reach.path("reachable").asBoolean()).as(reach.toString()).isTrue();
        }
        assertThat(engineer.get("/api/v1/services/" + r.checkout() + "/chaos-targets")
                        .json()
                        .valueStream()
                        .map(t -> t.path("proxies").toString()))
                .containsExactly("[\"" + DemoShop.PAYMENTS_PROXY + "\"]");
        JsonNode policy = engineer.get("/api/v1/services/" + r.checkout() + "/chaos-policy")
                .json();
        assertThat(policy.path("allowedProxies").toString()).contains(DemoShop.PAYMENTS_PROXY);
        assertThat(policy.path("allowedHosts").toString()).contains(DemoShop.HOST);

        JsonNode experiment =
                engineer.get("/api/v1/experiments/" + r.checkoutLatency()).json();
        assertThat(experiment.path("title").asString()).isEqualTo(DemoExperiments.CHECKOUT_LATENCY);
        assertThat(experiment.path("services").toString()).contains(r.storefront(), r.checkout());

        ApiClient.Response started =
                engineer.post("/api/v1/experiments/" + r.checkoutLatency() + "/runs", java.util.Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long run = started.json().path("id").asLong();

        // while the fault is in place, the proxy really has it
        assertThat(poll(Duration.ofSeconds(30), () -> !toxics().isEmpty()))
                .as("the latency toxic is on proxy payments")
                .isTrue();
        assertThat(poll(
                        Duration.ofSeconds(60),
                        () -> !engineer.get("/api/v1/chaos/runs/" + run)
                                .json()
                                .path("status")
                                .asString()
                                .equals("RUNNING")))
                .as("run " + run + " ends")
                .isTrue();
        JsonNode ended = engineer.get("/api/v1/chaos/runs/" + run).json();
        String activities =
                engineer.get("/api/v1/chaos/runs/" + run + "/activities").body();
        assertThat(ended.path("deviated").asBoolean()).as(activities).isTrue();
        assertThat(ended.path("recovered").asBoolean()).as(activities).isTrue();
        assertThat(ended.path("status").asString()).isEqualTo("FAILED");

        // the probe's value against its tolerance, as the run view shows it
        List<JsonNode> probes = engineer.get("/api/v1/chaos/runs/" + run + "/activities")
                .json()
                .valueStream()
                .filter(a -> a.path("name").asString().equals("storefront-healthy"))
                .toList();
        assertThat(probes).as(activities).hasSizeGreaterThanOrEqualTo(2);
        assertThat(probes.get(0).path("toleranceMet").asBoolean())
                .as("held before the fault")
                .isTrue();
        JsonNode deviated = probes.stream()
                .filter(p -> p.has("toleranceMet")
                        && !p.path("toleranceMet").isNull()
                        && !p.path("toleranceMet").asBoolean())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no probe missed its tolerance: " + activities));
        assertThat(deviated.path("tolerance").asString()).isEqualTo("200");
        assertThat(deviated.path("output").asString()).contains("503").contains("DEGRADED");
        // a probe that answered but missed its tolerance is a failed probe in the resilience score (it once counted
        // as passed, and this run scored 100 %)
        // (held before the fault, deviated under it, recovered after the rollback: 2 of 3)
        assertThat(runs.experimentScore(r.checkoutLatency(), 20)).as(activities).isEqualTo(67);

        // the rollback ran: the toxic is gone from the proxy's admin API, the fault journaled as reverted
        assertThat(activities).contains("remove-latency");
        assertThat(toxics()).isEmpty();
        assertThat(engineer.get("/api/v1/chaos/runs/" + run + "/faults").json().valueStream())
                .singleElement()
                .satisfies(f -> assertThat(f.path("status").asString()).isEqualTo("REVERTED"));
        // and the shop is healthy again, for real
        assertThat(DemoShopTest.get(shop.healthUrl()).status()).isEqualTo(200);

        // a restart: the same set-up again on the same ports changes nothing
        Actor.runAsSystem("test: set up again", () -> setup.apply(shop, prefix, Duration.ofSeconds(3)));
        assertThat(experiments.get(r.checkoutLatency()).currentVersion()).isEqualTo(1);
        // a restart on other ports moves the targets and the experiments' addresses (a new version)
        String oldAdmin = shop.adminUrl();
        DemoShop moved = DemoShop.start(clock, DemoShop.Ports.ANY);
        try {
            DemoShopSetup.Result again = Actor.runAsSystem(
                    "test: set up on other ports", () -> setup.apply(moved, prefix, Duration.ofSeconds(3)));
            assertThat(again.created()).isFalse();
            assertThat(again.checkoutLatency()).isEqualTo(r.checkoutLatency());
            ExperimentView after = experiments.get(r.checkoutLatency());
            assertThat(after.currentVersion()).isEqualTo(2);
            assertThat(after.definition())
                    .contains(moved.adminUrl(), moved.healthUrl())
                    .doesNotContain(oldAdmin);
            assertThat(targets.targets(r.storefront()).stream().map(t -> t.url()))
                    .containsExactlyInAnyOrder(moved.adminUrl(), moved.healthUrl());
        } finally {
            moved.close();
        }
    }

    private List<JsonNode> toxics() {
        try {
            return DemoShopTest.get(shop.adminUrl() + "/proxies/" + DemoShop.PAYMENTS_PROXY + "/toxics")
                    .json()
                    .valueStream()
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        return Eventually.poll(timeout, condition);
    }
}
