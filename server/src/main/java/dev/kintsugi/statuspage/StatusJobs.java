package dev.kintsugi.statuspage;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.SchedulerTimeline;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The status page's db-scheduler task: one attempt of one delivery ({@code statuspage-delivery-<id>-<attempt>}, so
 * that with several instances each attempt runs once), scheduled after the queueing transaction commits.
 */
@Configuration
class StatusJobs {
    static final String DELIVERY = "statuspage-delivery";

    private final ObjectProvider<SchedulerClient> scheduler;
    private final ObjectProvider<StatusDeliveryAttempts> deliveries;
    private final OneTimeTask<String> task;

    StatusJobs(ObjectProvider<SchedulerClient> scheduler, ObjectProvider<StatusDeliveryAttempts> deliveries) {
        this.scheduler = scheduler;
        this.deliveries = deliveries;
        this.task = Tasks.oneTime(DELIVERY, String.class).execute((instance, context) -> {
            String[] p = instance.getData().split(":");
            Actor.runAsSystem(
                    "job: status page delivery",
                    () -> deliveries.getObject().attempt(Long.parseLong(p[0]), Integer.parseInt(p[1])));
        });
    }

    @Bean
    OneTimeTask<String> statuspageDeliveryTask() {
        return task;
    }

    /** Schedules an attempt {@code after} from now (db-scheduler's own clock), once the transaction commits. */
    void attempt(long deliveryId, int attempt, Duration after) {
        Runnable r = () -> scheduler
                .getObject()
                .scheduleIfNotExists(
                        task.instance("delivery-" + deliveryId + "-" + attempt, deliveryId + ":" + attempt),
                        Instant.now().plus(after));
        SchedulerTimeline.afterCommit(r);
    }
}
