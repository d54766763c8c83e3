package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.OwnDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database ({@link OwnDatabase}: a throwaway PostgreSQL cluster on the suite's PostgreSQL
 * pass, H2 in server mode otherwise): a run in progress on instance B; instance A starts (its start-up recovery
 * leaves B's live run alone), then the kill switch is engaged on A, which has no run of its own to stop. B follows
 * the persisted switch and stops its run, long before its method's pause would have ended, and the fault is gone
 * from the real proxy.
 */
class KillSwitchTwoInstancesTest {
    private static final String ENGINEER = "ce-two-instances";

    private static ConfigurableApplicationContext start(OwnDatabase db, String name) {
        return new SpringApplicationBuilder(KintsugiApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--spring.application.name=kintsugi-chaos-" + name);
    }

    @Test
    void anEngagementOnOneInstanceStopsTheRunsOfTheOther() throws Exception {
        OwnDatabase db = OwnDatabase.forThisPass("chaos_two").start();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try (ChaosFixture f = new ChaosFixture("two-db")) {
            ConfigurableApplicationContext b = start(db, "b");
            instances.add(b);
            TransactionTemplate tx = new TransactionTemplate(b.getBean(PlatformTransactionManager.class));
            Actor.runAsSystem(
                    "two-instance test setup",
                    () -> tx.executeWithoutResult(s -> {
                        b.getBean(UserManagement.class)
                                .create(new UserManagement.NewUser(
                                        ENGINEER,
                                        ENGINEER,
                                        ENGINEER + "@example.test",
                                        Role.CHAOS_ENGINEER,
                                        "password-two"));
                        ChaosFixture.service(b.getBean(CatalogManagement.class), "two-shop");
                    }));
            // the method pauses two minutes with the toxic in place: only a stop ends the run sooner
            long experiment = Actor.runAs(
                    ENGINEER,
                    Role.CHAOS_ENGINEER,
                    () -> b.getBean(ChaosExperiments.class)
                            .create(f.experiment("Two instances", 10, 120), List.of("two-shop"))
                            .id());
            long run = Actor.runAs(
                    ENGINEER,
                    Role.CHAOS_ENGINEER,
                    () -> b.getBean(ChaosRuns.class).start(experiment, false).id());
            ChaosRuns readB = b.getBean(ChaosRuns.class);
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(30),
                            () -> readB.faults(run).stream().anyMatch(x -> x.status() == FaultStatus.IN_PLACE)))
                    .as("the toxic is in place, injected by instance B")
                    .isTrue();
            assertThat(f.toxics()).hasSize(1);

            // A starts while B's run is in progress: its start-up recovery leaves a live instance's run alone
            ConfigurableApplicationContext a = start(db, "a");
            instances.add(a);
            ChaosRuns readA = a.getBean(ChaosRuns.class);
            assertThat(a.getBean(ChaosRecovery.class).recover()).isZero();
            assertThat(readA.get(run).running()).isTrue();
            assertThat(f.toxics()).as("B's toxic is still in place").hasSize(1);

            KillSwitch.Engaged engaged = Actor.runAs(
                    ENGINEER,
                    Role.CHAOS_ENGINEER,
                    () -> a.getBean(KillSwitch.class).engage("two instances"));
            assertThat(engaged.runsStopped())
                    .as("instance A runs nothing itself")
                    .isEmpty();

            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(30), () -> !readA.get(run).running()))
                    .as("instance B stops its run once it sees the switch engaged")
                    .isTrue();
            RunView stopped = readA.get(run);
            assertThat(stopped.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(stopped.stopReason()).contains("kill switch");
            assertThat(f.toxics()).as("no toxic left on the proxy").isEmpty();
            assertThat(readA.faults(run)).allMatch(x -> !x.inPlace());
            assertThat(b.getBean(RunEngine.class).activeCount()).isZero();
        } finally {
            for (var c : instances) {
                c.close();
            }
            db.close();
        }
    }
}
