package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.FaultStatus;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server stops during a game day with its fault in place (its own application context, closed): nothing is
 * left on the proxy; started again on the same database, the game day is still running and ends cleanly, its run
 * not in progress and its fault reverted.
 */
class GameDayServerStopTest {
    private static ConfigurableApplicationContext start(String db) {
        return GameDayFixture.startServer(db);
    }

    private static <T> T asAdmin(Supplier<T> work) {
        return Actor.runAs("admin", Role.ADMIN, work);
    }

    @Test
    void aStoppedServerLeavesNoFaultBehind() throws Exception {
        String db = "gameday-stop-" + Long.toString(System.nanoTime(), 36);
        try (GameDayFixture shop = new GameDayFixture()) {
            long gameDay;
            long run;
            try (ConfigurableApplicationContext first = start(db)) {
                CatalogManagement catalog = first.getBean(CatalogManagement.class);
                GameDays days = first.getBean(GameDays.class);
                GameDayPlay play = first.getBean(GameDayPlay.class);
                GameDayInjects injects = first.getBean(GameDayInjects.class);
                long experiment = asAdmin(() -> {
                            GameDayFixture.service(catalog, "stop-shop");
                            return first.getBean(ChaosExperiments.class)
                                    .create(shop.experiment("slow payments", 120), List.of("stop-shop"));
                        })
                        .id();
                gameDay = asAdmin(() -> days.plan(new GameDayPlan(
                                "Stopped mid-game",
                                null,
                                GameDayMode.INFORMED,
                                Instant.parse("2026-03-10T09:00:00Z"),
                                60,
                                null,
                                List.of("stop-shop"),
                                null,
                                null)))
                        .id();
                long inject = asAdmin(() -> injects.add(
                                gameDay, "Payments get slow", InjectKind.EXPERIMENT, experiment, null, null))
                        .id();
                asAdmin(() -> play.start(gameDay, null));
                run = asAdmin(() -> injects.fire(gameDay, inject)).runId();
                ChaosRuns runs = first.getBean(ChaosRuns.class);
                assertThat(GameDayFixture.poll(
                                Duration.ofSeconds(30),
                                () -> !shop.toxics().isEmpty()
                                        && asAdmin(() -> runs.faults(run)).stream()
                                                .anyMatch(f -> f.status() == FaultStatus.IN_PLACE)))
                        .isTrue();
            }
            assertThat(shop.toxics())
                    .as("the server stopped: the fault went with it")
                    .isEmpty();

            try (ConfigurableApplicationContext second = start(db)) {
                GameDayPlay play = second.getBean(GameDayPlay.class);
                GameDays days = second.getBean(GameDays.class);
                ChaosRuns runs = second.getBean(ChaosRuns.class);
                assertThat(asAdmin(() -> days.get(gameDay)).status()).isEqualTo(GameDayStatus.RUNNING);
                assertThat(asAdmin(() -> play.end(gameDay, null)).status()).isEqualTo(GameDayStatus.ENDED);
                assertThat(asAdmin(() -> runs.get(run)).running()).isFalse();
                assertThat(asAdmin(() -> runs.faults(run)))
                        .isNotEmpty()
                        .allSatisfy(
                                f -> assertThat(f.inPlace()).as(f.toString()).isFalse());
                assertThat(shop.toxics()).isEmpty();
            }
        }
    }
}
