package dev.kintsugi.platform.events;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry purge as a db-scheduler task (started by the platform's scheduler configuration). */
@Configuration
class EventPublicationJobs {

    @Bean
    RecurringTask<Void> eventPublicationPurgeJob(EventPublicationPurge purge, EventPublicationProperties properties) {
        return Tasks.recurring(
                        "platform-event-publication-purge", new CronSchedule(properties.purgeCron(), ZoneOffset.UTC))
                .execute((instance, context) -> purge.purge());
    }
}
