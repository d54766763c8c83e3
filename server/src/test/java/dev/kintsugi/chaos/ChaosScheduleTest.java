package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A cron schedule starts one run per firing, however often the job looks (here: on this thread's clock). */
class ChaosScheduleTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ExperimentRepository experimentRows;

    @Autowired
    ChaosRuns runs;

    @Autowired
    AdjustableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void eachFiringRunsOnceAndABadCronIsRefused() throws Exception {
        String service = unique("sched");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        long id = engineer.post("/api/v1/experiments", Map.of("definition", """
                                {"title": "scheduled", "description": "d",
                                 "method": [{"type": "probe", "name": "p", "provider": {"type": "kintsugi",
                                   "func": "tcp_connect", "arguments": {"host": "127.0.0.1", "port": 1}}}]}""", "services", List.of(service)))
                .json()
                .path("id")
                .asLong();
        ApiClient.Response bad = engineer.put("/api/v1/experiments/" + id + "/schedule", Map.of("cron", "every day"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("cron");
        // every day at 10:00 UTC
        assertThat(engineer.put("/api/v1/experiments/" + id + "/schedule", Map.of("cron", "0 0 10 * * *"))
                        .status())
                .isEqualTo(200);
        assertThat(engineer.get("/api/v1/experiments/" + id + "/schedule")
                        .json()
                        .path("cron")
                        .asString())
                .isEqualTo("0 0 10 * * *");

        TransactionTemplate t = new TransactionTemplate(transactions);
        java.time.Instant tomorrowEleven = clock.instant()
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(2)
                .atTime(11, 0)
                .toInstant(java.time.ZoneOffset.UTC);
        int first = clock.callAt(tomorrowEleven, () -> ChaosSchedules.fire(experimentRows, runs, clock, t));
        int again =
                clock.callAt(tomorrowEleven.plusSeconds(60), () -> ChaosSchedules.fire(experimentRows, runs, clock, t));
        assertThat(first).as("the missed firings start one run").isGreaterThanOrEqualTo(1);
        assertThat(again).as("the same firing never twice").isZero();
        List<RunView> started = engineer.get("/api/v1/experiments/" + id + "/runs")
                .json()
                .valueStream()
                .map(r -> r.path("id").asLong())
                .map(r -> dev.kintsugi.platform.Actor.runAsSystem("test", () -> runs.get(r)))
                .toList();
        assertThat(started).hasSize(first);
        for (RunView r : started) {
            assertThat(r.startedBy()).isEqualTo("system");
            ChaosRunEndToEndTest.waitForEnd(engineer, r.id());
        }
    }
}
