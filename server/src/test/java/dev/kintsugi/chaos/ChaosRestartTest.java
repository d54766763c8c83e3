package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server stops mid-run (its own application context, closed while a run has two faults in place) and starts
 * again on the same database: the run is marked interrupted, the fault it could reach is gone from the proxy, and
 * the fault whose proxy no longer answers stays visible (REVERT_FAILED, listed for the dashboard) until resolved.
 */
class ChaosRestartTest {

    private static ConfigurableApplicationContext start(String db) {
        return new SpringApplicationBuilder(KintsugiApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:" + db
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
                .run();
    }

    private static <T> T asEngineer(Supplier<T> work) {
        return Actor.runAs("admin", Role.ADMIN, work);
    }

    @Test
    void leftoversAreRevertedAndARefusedRevertStaysVisible() throws Exception {
        String db = "chaos-restart-" + Long.toString(System.nanoTime(), 36);
        try (ChaosFixture reachable = new ChaosFixture("orders-db");
                ChaosFixture doomed = new ChaosFixture("payments-db")) {
            String definition = """
                    {"title": "two faults", "description": "one proxy will be gone",
                     "method": [
                       {"type": "action", "name": "slow-orders",
                        "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                          "arguments": {"api_url": "%s", "proxy": "orders-db", "type": "latency",
                                        "attributes": {"latency": 10}}}},
                       {"type": "action", "name": "slow-payments",
                        "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                          "arguments": {"api_url": "%s", "proxy": "payments-db", "type": "latency",
                                        "attributes": {"latency": 10}}},
                        "pauses": {"after": 120}}]}""".formatted(reachable.api, doomed.api);
            long run;
            long doomedFault;
            try (ConfigurableApplicationContext first = start(db)) {
                CatalogManagement catalog = first.getBean(CatalogManagement.class);
                ChaosExperiments experiments = first.getBean(ChaosExperiments.class);
                ChaosRuns runs = first.getBean(ChaosRuns.class);
                asEngineer(() -> ChaosFixture.service(catalog, "restart-shop"));
                long experiment = asEngineer(() -> experiments.create(definition, List.of("restart-shop")))
                        .id();
                run = asEngineer(() -> runs.start(experiment, false)).id();
                assertThat(ChaosFixture.poll(
                                Duration.ofSeconds(30),
                                () -> asEngineer(() -> runs.faults(run)).stream()
                                                .filter(f -> f.status() == FaultStatus.IN_PLACE)
                                                .count()
                                        == 2))
                        .isTrue();
                doomedFault = asEngineer(() -> runs.faults(run)).stream()
                        .filter(f -> f.proxy().equals("payments-db"))
                        .findFirst()
                        .orElseThrow()
                        .id();
                doomed.proxy.close(); // its admin API is gone: no one can revert that toxic now
            }
            // the server stopped mid-run; what it could reach it reverted on the way down, or the next start will
            try (ConfigurableApplicationContext second = start(db)) {
                ChaosRuns runs = second.getBean(ChaosRuns.class);
                assertThat(ChaosFixture.poll(
                                Duration.ofSeconds(30),
                                () -> asEngineer(() -> runs.get(run)).status() == RunStatus.INTERRUPTED))
                        .isTrue();
                assertThat(reachable.toxics())
                        .as("no toxic left on the reachable proxy")
                        .isEmpty();
                List<FaultView> faults = asEngineer(() -> runs.faults(run));
                assertThat(faults)
                        .filteredOn(f -> f.proxy().equals("orders-db"))
                        .singleElement()
                        .satisfies(f -> assertThat(f.status()).isEqualTo(FaultStatus.REVERTED));
                assertThat(faults)
                        .filteredOn(f -> f.id() == doomedFault)
                        .singleElement()
                        .satisfies(f -> {
                            assertThat(f.status()).isEqualTo(FaultStatus.REVERT_FAILED);
                            assertThat(f.error()).isNotBlank();
                        });
                assertThat(asEngineer(runs::unresolvedFaults))
                        .extracting(FaultView::id)
                        .contains(doomedFault);
                asEngineer(() -> runs.resolve(doomedFault));
                assertThat(asEngineer(runs::unresolvedFaults))
                        .extracting(FaultView::id)
                        .doesNotContain(doomedFault);
            }
        }
    }
}
