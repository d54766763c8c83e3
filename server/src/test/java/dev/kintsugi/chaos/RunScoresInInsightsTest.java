package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.insights.ActivityInsights;
import dev.kintsugi.insights.Insights;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real runs' scores reach the insights read model through {@link ChaosRunFinished}: a passing run and a failing one
 * on a service give insights the very score the chaos module computes from its own tables, and a rebuild of the read
 * model (from {@link ChaosRuns#scoredRuns}) gives it again.
 */
class RunScoresInInsightsTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosRuns runs;

    @Autowired
    ActivityInsights activity;

    @Autowired
    Insights insights;

    @Test
    void insightsShowTheScoreTheChaosModuleComputes() throws Exception {
        String service = unique("scored");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        long serviceId =
                tx.execute(s -> catalog.findService(service).orElseThrow().id());
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("scores")) {
            String passing = """
                    {"title": "%s", "description": "the service answers",
                     "steady-state-hypothesis": {"title": "up", "probes": [{"type": "probe", "name": "answers",
                       "tolerance": 200, "provider": {"type": "http", "url": "http://127.0.0.1:%d/", "timeout": 2}}]},
                     "method": [{"type": "probe", "name": "look", "provider": {"type": "http",
                       "url": "http://127.0.0.1:%d/", "timeout": 2}}]}""".formatted(unique("scored"), f.listenPort, f.listenPort);
            long experiment = engineer.post(
                            "/api/v1/experiments", Map.of("definition", passing, "services", List.of(service)))
                    .json()
                    .path("id")
                    .asLong();
            run(engineer, experiment, "COMPLETED");
            assertThat(engineer.patch(
                                    "/api/v1/experiments/" + experiment,
                                    Map.of("definition", passing.replace("\"tolerance\": 200", "\"tolerance\": 418")))
                            .status())
                    .isEqualTo(200);
            run(engineer, experiment, "FAILED");
        }
        Integer expected = tx.execute(s -> runs.resilienceScore(serviceId, 10));
        assertThat(expected).isNotNull().isBetween(1, 99);

        assertThat(ChaosFixture.poll(
                        Duration.ofSeconds(20), () -> score(service).equals(Optional.of(expected))))
                .as("insights' score of %s", service)
                .isTrue();

        Insights.RebuildResult rebuilt = Actor.runAsSystem("test", () -> insights.rebuild());
        assertThat(rebuilt.chaosRuns()).isGreaterThanOrEqualTo(2);
        assertThat(score(service)).contains(expected);
    }

    private static void run(ApiClient engineer, long experiment, String status) throws Exception {
        long run = engineer.post("/api/v1/experiments/" + experiment + "/runs", Map.of())
                .json()
                .path("id")
                .asLong();
        assertThat(ChaosRunEndToEndTest.waitForEnd(engineer, run).path("status").asString())
                .isEqualTo(status);
    }

    private Optional<Integer> score(String service) {
        return Actor.runAsSystem("test", () -> activity.resilience()).stream()
                .filter(r -> r.service().equals(service))
                .map(ActivityInsights.ServiceResilience::score)
                .findFirst();
    }
}
