package dev.kintsugi.oncall;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The module's db-scheduler tasks: an escalation step of a page, a delivery attempt, and a sweeper that schedules
 * again a step whose timer got lost. Each execution has a unique instance id ({@code page-<id>-<step>}, {@code
 * delivery-<id>-<attempt>}), so with several instances on one database each runs once; the step counter and
 * attempt count guard the rows too. Timers are created after the surrounding transaction commits, never for
 * work that rolled back.
 */
@Configuration
class OnCallTimers {
    static final String STEP = "oncall-escalation-step";
    static final String DELIVERY = "oncall-delivery";

    private final ObjectProvider<SchedulerClient> scheduler;
    private final Clock clock;
    private final ObjectProvider<Paging> paging;
    private final ObjectProvider<Notifications> notifications;

    OnCallTimers(
            ObjectProvider<SchedulerClient> scheduler,
            ObjectProvider<Paging> paging,
            ObjectProvider<Notifications> notifications,
            Clock clock) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.paging = paging;
        this.notifications = notifications;
        this.stepTask = makeStepTask();
        this.deliveryTask = makeDeliveryTask();
    }

    private final OneTimeTask<String> stepTask;
    private final OneTimeTask<String> deliveryTask;

    private OneTimeTask<String> makeStepTask() {
        return Tasks.oneTime(STEP, String.class).execute((instance, context) -> {
            String[] p = instance.getData().split(":");
            Actor.runAsSystem(
                    "job: escalation step",
                    () -> paging.getObject().step(Long.parseLong(p[0]), Integer.parseInt(p[1])));
        });
    }

    private OneTimeTask<String> makeDeliveryTask() {
        return Tasks.oneTime(DELIVERY, String.class).execute((instance, context) -> {
            String[] p = instance.getData().split(":");
            Actor.runAsSystem(
                    "job: notification delivery",
                    () -> notifications.getObject().attempt(Long.parseLong(p[0]), Integer.parseInt(p[1])));
        });
    }

    @Bean
    OneTimeTask<String> oncallStepTask() {
        return stepTask;
    }

    @Bean
    OneTimeTask<String> oncallDeliveryTask() {
        return deliveryTask;
    }

    @Bean
    RecurringTask<Void> oncallSweeper(Clock clock) {
        return Tasks.recurring("oncall-sweeper", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> Actor.runAsSystem(
                        "job: on-call timer sweep", () -> paging.getObject().sweep(clock.instant())));
    }

    void step(long pageId, int step, Instant at) {
        Instant when = onSchedulerTimeline(at);
        afterCommit(() -> scheduler
                .getObject()
                .scheduleIfNotExists(stepTask.instance("page-" + pageId + "-" + step, pageId + ":" + step), when));
    }

    void delivery(long deliveryId, int attempt, Instant at) {
        Instant when = onSchedulerTimeline(at);
        afterCommit(() -> scheduler
                .getObject()
                .scheduleIfNotExists(
                        deliveryTask.instance("delivery-" + deliveryId + "-" + attempt, deliveryId + ":" + attempt),
                        when));
    }

    /**
     * db-scheduler runs on the system clock; the module computes times with the injected one. A timer means "this
     * long from now", so it is moved onto the scheduler's timeline (the same instant in production, where both
     * clocks agree; tests may read the injected clock at another instant).
     */
    private Instant onSchedulerTimeline(Instant at) {
        Duration delay = Duration.between(clock.instant(), at);
        return Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay);
    }

    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    r.run();
                }
            });
        } else {
            r.run();
        }
    }
}
