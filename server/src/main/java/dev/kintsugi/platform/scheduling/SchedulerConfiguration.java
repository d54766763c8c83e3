package dev.kintsugi.platform.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * db-scheduler: persistent, cluster-safe background jobs (one instance runs each execution even with several
 * servers). Modules contribute {@link Task} beans (recurring ones are scheduled at start); the scheduler starts
 * once Flyway has migrated the schema. Its Spring Boot starter does not support Boot 4 yet, hence this class.
 */
@Configuration
@org.springframework.scheduling.annotation.EnableAsync
class SchedulerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @DependsOn("flywayInitializer")
    Scheduler scheduler(DataSource dataSource, ObjectProvider<Task<?>> taskBeans) {
        List<Task<?>> tasks = taskBeans.orderedStream().toList();
        List<RecurringTask<?>> recurring = tasks.stream()
                .filter(t -> t instanceof RecurringTask<?>)
                .<RecurringTask<?>>map(t -> (RecurringTask<?>) t)
                .toList();
        // startTasks() registers the recurring tasks itself: passing them to create() too is a duplicate key.
        List<Task<?>> others =
                tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
        return Scheduler.create(dataSource, others)
                .startTasks(recurring)
                .pollingInterval(Duration.ofSeconds(5))
                .threads(4)
                .build();
    }
}
