package dev.kintsugi.chaos;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled runs: one db-scheduler task (so one instance of a cluster runs each tick) looks every 30 s for
 * experiments whose cron fired since their last scheduled run, claims the firing with a guarded update (so even two
 * ticks never start it twice) and starts a run as the system. A refused run (a guardrail) is logged and audited by
 * nothing else: the next firing tries again.
 */
@Configuration
class ChaosSchedules {
    private static final Logger log = LoggerFactory.getLogger(ChaosSchedules.class);

    @Bean
    RecurringTask<Void> chaosScheduleJob(
            ExperimentRepository experimentRows, ChaosRuns runs, Clock clock, PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return Tasks.recurring("chaos-experiment-schedules", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> fire(experimentRows, runs, clock, tx));
    }

    static int fire(ExperimentRepository experimentRows, ChaosRuns runs, Clock clock, TransactionTemplate tx) {
        Instant now = clock.instant();
        int started = 0;
        for (ExperimentRepository.Schedule s : tx.execute(t -> experimentRows.schedules())) {
            CronExpression cron;
            try {
                cron = CronExpression.parse(s.cron());
            } catch (IllegalArgumentException e) {
                continue;
            }
            Instant since = s.lastScheduledAt() != null ? s.lastScheduledAt() : s.createdAt();
            ZonedDateTime next = cron.next(since.atZone(ZoneOffset.UTC));
            if (next == null || next.toInstant().isAfter(now)) {
                continue;
            }
            if (!Boolean.TRUE.equals(
                    tx.execute(t -> experimentRows.claimSchedule(s.experimentId(), s.lastScheduledAt(), now)))) {
                continue;
            }
            try {
                Actor.runAsSystem(
                        "schedule of experiment " + s.experimentId() + " (" + s.cron() + ")",
                        () -> runs.start(s.experimentId(), false));
                started++;
            } catch (RunRefused e) {
                log.warn("scheduled run of experiment {} refused: {}", s.experimentId(), e.getMessage());
            }
        }
        return started;
    }
}
