package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scheduled injects survive a restart (their own application contexts on one H2 database): the server stops while
 * a game day runs, its timers lost and 31 minutes passing meanwhile; started again, it gives the pending injects
 * their timers back: the one due while it was down fires by itself at once, the later one waits for its time.
 */
class GameDayTimersRestartTest {
    private static <T> T asAdmin(Supplier<T> work) {
        return Actor.runAs("admin", Role.ADMIN, work);
    }

    private static InjectStatus status(GameDayInjects injects, long id, long inject) {
        return asAdmin(() -> injects.list(id)).stream()
                .filter(i -> i.id() == inject)
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Test
    void aTimerLostWhileTheServerWasDownIsSetAgainAtStartUp() throws Exception {
        String db = "gameday-timers-" + Long.toString(System.nanoTime(), 36);
        long id;
        long due;
        long later;
        try (ConfigurableApplicationContext first = GameDayFixture.startServer(db)) {
            GameDays days = first.getBean(GameDays.class);
            GameDayInjects injects = first.getBean(GameDayInjects.class);
            GameDayInjectTimers timers = first.getBean(GameDayInjectTimers.class);
            id = asAdmin(() -> days.plan(new GameDayPlan(
                            "Restarted mid-game",
                            null,
                            GameDayMode.INFORMED,
                            Instant.parse("2026-03-10T09:00:00Z"),
                            120,
                            null,
                            List.of(),
                            null,
                            null)))
                    .id();
            due = asAdmin(() -> injects.add(id, InjectDraft.tabletop("Due while down", "the queue grows", 30)))
                    .id();
            later = asAdmin(() -> injects.add(id, InjectDraft.tabletop("Later", "the pager rings", 90)))
                    .id();
            asAdmin(() -> first.getBean(GameDayPlay.class).start(id, null));
            assertThat(timers.scheduled(due)).isTrue();
            assertThat(timers.scheduled(later)).isTrue();
            assertThat(timers.restore())
                    .as("nothing to restore while the timers are there")
                    .isEmpty();

            // the timers are lost (the server stopped between a commit and its timer), and 31 minutes pass
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("delete from scheduled_tasks where task_name = ?")
                            .params(GameDayInjectTimers.TASK)
                            .update())
                    .isEqualTo(2);
            jdbc.sql("update gameday set started_at = ? where id = ?")
                    .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(31))), id)
                    .update();
        }

        try (ConfigurableApplicationContext second = GameDayFixture.startServer(db)) {
            GameDayInjects injects = second.getBean(GameDayInjects.class);
            GameDayInjectTimers timers = second.getBean(GameDayInjectTimers.class);
            assertThat(GameDayFixture.poll(
                            Duration.ofSeconds(90), () -> status(injects, id, due) == InjectStatus.FIRED))
                    .as("the inject due while the server was down fires by itself after the start")
                    .isTrue();
            assertThat(status(injects, id, later)).isEqualTo(InjectStatus.PENDING);
            assertThat(timers.scheduled(later))
                    .as("the later inject has its timer back")
                    .isTrue();
            asAdmin(() -> second.getBean(GameDayPlay.class).end(id, null));
            assertThat(timers.scheduled(later)).isFalse();
            assertThat(status(injects, id, later)).isEqualTo(InjectStatus.STOPPED);
        }
    }
}
