package dev.kintsugi.chaos.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.FaultStatus;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.Actor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo shop as {@code ./kintsugi demo} starts it, in the demo data's own context (the same configuration as
 * {@code incident.demo.DemoDataTest}, so Spring's test context cache gives both one context): the shop mapped onto
 * the catalog after the incident demo, two experiments with a real past run each (deviated, recovered), a
 * resilience score, the dashboard's card; stopping the shop stops its run in progress (the rollback runs, the toxic
 * goes) and frees its ports; starting it again takes the same ports and creates nothing twice.
 */
@SpringBootTest(
        properties = {
            "kintsugi.demo=true",
            "spring.datasource.url=jdbc:h2:mem:demo-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "kintsugi.admin-token=" + DemoShopDemoModeTest.PROVISIONED_TOKEN
        })
@ActiveProfiles("test")
@AutoConfigureMockMvc
class DemoShopDemoModeTest {
    /** The same as {@code DemoDataTest}'s: the same properties, hence the same cached context. */
    static final String PROVISIONED_TOKEN = "kts_provisioned-for-automation-0123456789";

    @Autowired
    DemoShopLifecycle lifecycle;

    @Autowired
    ChaosRuns runs;

    @Autowired
    ChaosExperiments experiments;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    MockMvc mvc;

    @Autowired
    dev.kintsugi.platform.DemoLogins logins;

    @Test
    void theDemoHasAShopWithExperimentsAndPastRunsAndStopsCleanly() throws Exception {
        DemoShopSetup.Result setup = lifecycle.setup().orElseThrow();
        assertThat(setup.storefront()).isEqualTo("shop-storefront");
        assertThat(catalog.findService("shop-checkout")).isPresent();
        // the demo company's services are left as they were
        assertThat(catalog.findService("checkout-api")).isPresent();

        // a real past run of each experiment, one after the other, in the background
        List<Long> ids = List.of(setup.checkoutLatency(), setup.paymentsDown());
        assertThat(DemoShopEndToEndTest.poll(
                        Duration.ofSeconds(150),
                        () -> ids.stream()
                                .allMatch(id -> as(() -> runs.ofExperiment(id, 5)).stream()
                                        .anyMatch(r -> !r.running()))))
                .as("the first runs end")
                .isTrue();
        for (long id : ids) {
            ExperimentView e = as(() -> experiments.get(id));
            RunView past = as(() -> runs.ofExperiment(id, 5)).getFirst();
            assertThat(past.deviated()).as(e.title() + " deviated").isTrue();
            assertThat(past.recovered()).as(e.title() + " recovered").isTrue();
            assertThat(past.startedBy()).isEqualTo(Actor.SYSTEM);
        }
        long storefront = catalog.service("shop-storefront").id();
        assertThat(as(() -> runs.resilienceScore(storefront, 20))).isNotNull();

        // the dashboard tells a visitor what to try; one who may not run it learns who may
        var login = mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "grace.kim")
                        .param("password", logins.password()))
                .andReturn();
        var session = (org.springframework.mock.web.MockHttpSession)
                login.getRequest().getSession(false);
        var response = mvc.perform(get("/cards/dashboard/chaos-demo-shop").session(session))
                .andReturn()
                .getResponse();
        String card = response.getContentAsString();
        assertThat(response.getStatus()).as(card).isEqualTo(200);
        assertThat(card)
                .contains("id=\"chaos-demo-shop\"")
                .contains("/chaos/experiments/" + setup.checkoutLatency())
                .contains(lifecycle.shop().orElseThrow().storefrontUrl())
                .contains("lucas.moreau");

        // and so does the login page, before anyone has logged in
        String loginPage = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(loginPage).contains("demo-try").contains("Experiments → Checkout latency → Run");

        // stopping the application stops the demo's run in progress first: its rollback runs, then the shop goes
        DemoShop shop = lifecycle.shop().orElseThrow();
        DemoShop.Ports ports = shop.ports();
        List<Integer> bound = shop.boundPorts();
        long run = as(() -> runs.start(setup.checkoutLatency(), false).id());
        assertThat(DemoShopEndToEndTest.poll(
                        Duration.ofSeconds(30),
                        () -> as(() -> runs.faults(run)).stream().anyMatch(f -> f.status() == FaultStatus.IN_PLACE)))
                .isTrue();
        lifecycle.stop();
        assertThat(lifecycle.shop()).isEmpty();
        RunView stopped = as(() -> runs.get(run));
        assertThat(stopped.running()).isFalse();
        assertThat(as(() -> runs.faults(run)))
                .singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FaultStatus.REVERTED));
        for (int port : bound) {
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress(DemoShop.HOST, port));
            }
        }

        // started again (a restart): the same ports, the same experiments, nothing created twice
        int experimentsBefore = as(() -> experiments.list(null)).size();
        lifecycle.start();
        lifecycle.run(new DefaultApplicationArguments());
        assertThat(lifecycle.shop().orElseThrow().ports()).isEqualTo(ports);
        DemoShopSetup.Result again = lifecycle.setup().orElseThrow();
        assertThat(again.created()).isFalse();
        assertThat(again.checkoutLatency()).isEqualTo(setup.checkoutLatency());
        assertThat(as(() -> experiments.list(null))).hasSize(experimentsBefore);
        assertThat(as(() -> experiments.get(setup.checkoutLatency())).currentVersion())
                .isEqualTo(1);
        assertThat(DemoShopTest.get(lifecycle.shop().orElseThrow().healthUrl()).status())
                .isEqualTo(200);
    }

    private static <T> T as(java.util.function.Supplier<T> work) {
        return Actor.runAsSystem("test: the demo shop", work);
    }
}
