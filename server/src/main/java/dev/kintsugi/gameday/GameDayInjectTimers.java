package dev.kintsugi.gameday;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.SchedulerTimeline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Scheduled injects: one db-scheduler one-time task per inject ({@code gameday-inject-<id>}, once per cluster,
 * kept in the database across restarts), created after the start commits, at start + offset; cancelled when the
 * inject is changed, removed or stopped by the end. The task fires the inject as the system if the game day still
 * runs and the inject is still pending (the claim is a guarded update: it fires once). At start-up every pending
 * scheduled inject of a running game day gets its timer back if it was lost (the server stopped between a commit
 * and its timer): one already due fires at once, and each restored timer is logged.
 */
@Configuration
class GameDayInjectTimers {
    static final String TASK = "gameday-inject";
    private static final Logger log = LoggerFactory.getLogger(GameDayInjectTimers.class);

    private final ObjectProvider<SchedulerClient> scheduler;
    private final ObjectProvider<GameDayInjects> injects;
    private final ObjectProvider<GameDayInjectRepository> rows;
    private final Clock clock;
    private final OneTimeTask<Long> task;

    GameDayInjectTimers(
            ObjectProvider<SchedulerClient> scheduler,
            ObjectProvider<GameDayInjects> injects,
            ObjectProvider<GameDayInjectRepository> rows,
            Clock clock) {
        this.scheduler = scheduler;
        this.injects = injects;
        this.rows = rows;
        this.clock = clock;
        this.task = Tasks.oneTime(TASK, Long.class)
                .execute((instance, context) -> Actor.runAsSystem(
                        "job: game-day inject " + instance.getData(),
                        () -> injects.getObject().fireScheduled(instance.getData())));
    }

    @Bean
    OneTimeTask<Long> gamedayInjectTask() {
        return task;
    }

    static String instanceId(long injectId) {
        return TASK + "-" + injectId;
    }

    void schedule(long injectId, Instant at) {
        Instant when = SchedulerTimeline.onSchedulerTimeline(clock, at);
        SchedulerTimeline.afterCommit(
                () -> scheduler.getObject().scheduleIfNotExists(task.instance(instanceId(injectId), injectId), when));
    }

    /** Removes an inject's timer after the commit; one already running is let be (the inject's status guards it). */
    void cancel(long injectId) {
        SchedulerTimeline.afterCommit(() -> {
            try {
                scheduler.getObject().cancel(TaskInstanceId.of(TASK, instanceId(injectId)));
            } catch (RuntimeException e) {
                // no timer (never scheduled, already run or picked): nothing to cancel
            }
        });
    }

    /** Whether the inject has a timer waiting. */
    boolean scheduled(long injectId) {
        return scheduler
                .getObject()
                .getScheduledExecution(TaskInstanceId.of(TASK, instanceId(injectId)))
                .isPresent();
    }

    /** Gives every pending scheduled inject of a running game day its timer back when it has none; returns them. */
    List<Long> restore() {
        List<Long> restored = new java.util.ArrayList<>();
        for (GameDayInjectRepository.Due d : rows.getObject().pendingScheduled()) {
            if (!scheduled(d.injectId())) {
                log.warn(
                        "Game day {}: inject {} had no timer (lost while the server was down); set for {}",
                        d.gameDayId(),
                        d.injectId(),
                        d.at());
                schedule(d.injectId(), d.at());
                restored.add(d.injectId());
            }
        }
        return restored;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        try {
            restore();
        } catch (RuntimeException e) {
            // the server still starts; the game days' pending injects can be fired by hand
            log.error("Could not check the timers of the running game days' scheduled injects", e);
        }
    }
}
