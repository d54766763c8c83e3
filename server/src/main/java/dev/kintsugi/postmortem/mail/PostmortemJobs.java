package dev.kintsugi.postmortem.mail;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.postmortem.PostmortemMailProperties;
import dev.kintsugi.postmortem.PostmortemNotifications;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module's recurring db-scheduler tasks (started by the platform's scheduler configuration): countermeasure
 * reminders daily, the digest weekly. Each only calls the facade with the clock's time.
 */
@Configuration
class PostmortemJobs {

    @Bean
    RecurringTask<Void> countermeasureReminderJob(
            PostmortemNotifications notifications, PostmortemMailProperties properties, Clock clock) {
        return Tasks.recurring(
                        "postmortem-countermeasure-reminders",
                        new CronSchedule(properties.reminderCron(), ZoneOffset.UTC))
                .execute((instance, context) -> Actor.runAsSystem(
                        "job: countermeasure reminders",
                        () -> notifications.sendCountermeasureReminders(clock.instant())));
    }

    @Bean
    RecurringTask<Void> postmortemDigestJob(
            PostmortemNotifications notifications, PostmortemMailProperties properties, Clock clock) {
        return Tasks.recurring("postmortem-weekly-digest", new CronSchedule(properties.digestCron(), ZoneOffset.UTC))
                .execute((instance, context) -> Actor.runAsSystem(
                        "job: weekly post-mortem digest", () -> notifications.sendWeeklyDigest(clock.instant())));
    }
}
