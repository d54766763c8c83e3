package dev.kintsugi.oncall;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.SchedulerTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    private final ObjectProvider<DeliveryAttempts> deliveries;

    OnCallTimers(
            ObjectProvider<SchedulerClient> scheduler,
            ObjectProvider<Paging> paging,
            ObjectProvider<DeliveryAttempts> deliveries,
            Clock clock) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.paging = paging;
        this.deliveries = deliveries;
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
                    () -> deliveries.getObject().attempt(Long.parseLong(p[0]), Integer.parseInt(p[1])));
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
        Instant when = SchedulerTimeline.onSchedulerTimeline(clock, at);
        SchedulerTimeline.afterCommit(() -> scheduler
                .getObject()
                .scheduleIfNotExists(stepTask.instance("page-" + pageId + "-" + step, pageId + ":" + step), when));
    }

    void delivery(long deliveryId, int attempt, Instant at) {
        Instant when = SchedulerTimeline.onSchedulerTimeline(clock, at);
        SchedulerTimeline.afterCommit(() -> scheduler
                .getObject()
                .scheduleIfNotExists(
                        deliveryTask.instance("delivery-" + deliveryId + "-" + attempt, deliveryId + ":" + attempt),
                        when));
    }

    /** Removes a delivery's timer (the page was acknowledged), after the commit; one already running is let be. */
    void cancelDelivery(long deliveryId, int attempt) {
        SchedulerTimeline.afterCommit(() -> {
            try {
                scheduler.getObject().cancel(TaskInstanceId.of(DELIVERY, "delivery-" + deliveryId + "-" + attempt));
            } catch (RuntimeException e) {
                // already picked or gone: the delivery's status (CANCELLED) makes it do nothing
            }
        });
    }
}
