package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Start-up recovery as after a crash (nothing reverted on the way down): a run the journal shows in progress that
 * no thread of this server runs, with a toxic really in place on a proxy, is marked interrupted and its toxic removed.
 */
class ChaosRecoveryTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosExperiments experiments;

    @Autowired
    FaultRepository faultRows;

    @Autowired
    RunRepository runRows;

    @Autowired
    ChaosRecovery recovery;

    @Autowired
    ChaosRuns runs;

    @Autowired
    java.time.Clock clock;

    @Test
    void aCrashedRunsFaultsAreRevertedFromTheJournal() throws Exception {
        String service = unique("crash");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        try (ChaosFixture f = new ChaosFixture("inventory")) {
            long experiment = Actor.runAs(
                            "admin",
                            Role.ADMIN,
                            () -> experiments.create(f.experiment(unique("crash"), 10, 1), List.of(service)))
                    .id();
            // what a server that died mid-run leaves: the toxic on the proxy, the run and its fault in the journal
            ChaosFixture.send(
                    "POST",
                    f.api + "/proxies/inventory/toxics",
                    "{\"name\": \"latency_downstream\", \"type\": \"latency\", \"attributes\": {\"latency\": 10}}");
            assertThat(f.toxics()).hasSize(1);
            long run = tx.execute(s -> {
                long id = runRows.insertRun(experiment, 1, false, "admin", clock.instant());
                long fault = faultRows.insertFault(
                        id,
                        "TOXIC",
                        f.api,
                        "inventory",
                        "latency_downstream",
                        "toxic on inventory",
                        clock.instant(),
                        null,
                        null);
                faultRows.faultInPlace(fault, clock.instant().plusSeconds(60));
                return id;
            });
            assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);
            assertThat(f.toxics()).isEmpty();
            RunView after = Actor.runAsSystem("test", () -> runs.get(run));
            assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(Actor.runAsSystem("test", () -> runs.faults(run)))
                    .singleElement()
                    .satisfies(x -> assertThat(x.status()).isEqualTo(FaultStatus.REVERTED));
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theRunsOfAnInstanceThatDiedAreTakenOverByALiveOne() throws Exception {
        String service = unique("dead");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        try (ChaosFixture f = new ChaosFixture("ledger")) {
            long experiment = Actor.runAs(
                            "admin",
                            Role.ADMIN,
                            () -> experiments.create(f.experiment(unique("dead"), 10, 1), List.of(service)))
                    .id();
            ChaosFixture.send(
                    "POST",
                    f.api + "/proxies/ledger/toxics",
                    "{\"name\": \"latency_downstream\", \"type\": \"latency\", \"attributes\": {\"latency\": 10}}");
            // what an instance that crashed leaves: its run, owned by it, silent for an hour, and the toxic in place
            long run = tx.execute(s -> {
                long id = runRows.insertRun(experiment, 1, false, "admin", clock.instant(), "a-dead-instance");
                jdbc.sql("update chaos_run set alive_at = ? where id = ?")
                        .params(java.sql.Timestamp.from(clock.instant().minusSeconds(3600)), id)
                        .update();
                long fault = faultRows.insertFault(
                        id,
                        "TOXIC",
                        f.api,
                        "ledger",
                        "latency_downstream",
                        "toxic on ledger",
                        clock.instant(),
                        null,
                        null);
                faultRows.faultInPlace(fault, clock.instant().plusSeconds(60));
                return id;
            });
            // this live instance's watch takes it over on its own (no restart, no call)
            assertThat(ChaosFixture.poll(
                            java.time.Duration.ofSeconds(30),
                            () -> Actor.runAsSystem("test", () -> runs.get(run)).status() == RunStatus.INTERRUPTED))
                    .isTrue();
            assertThat(ChaosFixture.poll(
                            java.time.Duration.ofSeconds(10), () -> f.toxics().isEmpty()))
                    .isTrue();
            // the toxic is deleted first, then the journal says so
            assertThat(ChaosFixture.poll(
                            java.time.Duration.ofSeconds(10),
                            () -> Actor.runAsSystem("test", () -> runs.faults(run)).stream()
                                    .allMatch(x -> x.status() == FaultStatus.REVERTED)))
                    .isTrue();
            assertThat(Actor.runAsSystem("test", () -> runs.faults(run))).hasSize(1);
        }
    }
}
