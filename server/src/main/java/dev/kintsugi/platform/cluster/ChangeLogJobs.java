package dev.kintsugi.platform.cluster;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The change log's purge as a db-scheduler task: once across instances, every {@code kintsugi.cluster.purge-interval}. */
@Configuration
class ChangeLogJobs {
    private static final Logger log = LoggerFactory.getLogger(ChangeLogJobs.class);

    @Bean
    RecurringTask<Void> changeLogPurgeJob(DatabaseClusterChanges changes, ClusterProperties properties) {
        return Tasks.recurring("platform-change-log-purge", FixedDelay.of(properties.purgeInterval()))
                .execute((instance, context) -> {
                    int purged = changes.purge();
                    if (purged > 0) {
                        log.info("Change log: {} changes older than {} purged", purged, properties.retention());
                    }
                });
    }
}
