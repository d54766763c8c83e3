package dev.kintsugi.chaos;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.SchedulerTimeline;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Chaos Monkey's db-scheduler tasks: the planner (recurring: plans each enabled service's working day once,
 * and runs a planned termination whose timer got lost), one task per planned termination ({@code monkey-<plan id>},
 * so with several instances on one database each runs once; the plan row's claim guards it too), the end of a
 * Spring Boot assault and the health checks after a termination ({@code health-<record>-<n>}, one per look). Timers are created after the planning commits.
 */
@Configuration
class MonkeyJobs {
    static final String TERMINATION = "chaos-monkey-termination";
    static final String ASSAULT_END = "chaos-monkey-assault-end";
    static final String HEALTH = "chaos-monkey-health";

    private final ObjectProvider<SchedulerClient> scheduler;
    private final ObjectProvider<ChaosMonkey> monkey;
    private final Clock clock;
    private final OneTimeTask<String> terminationTask;
    private final OneTimeTask<String> assaultEndTask;
    private final OneTimeTask<String> healthTask;

    MonkeyJobs(ObjectProvider<SchedulerClient> scheduler, ObjectProvider<ChaosMonkey> monkey, Clock clock) {
        this.scheduler = scheduler;
        this.monkey = monkey;
        this.clock = clock;
        this.terminationTask = Tasks.oneTime(TERMINATION, String.class)
                .execute((instance, context) -> Actor.runAsSystem(
                        "chaos monkey: planned termination",
                        () -> monkey.getObject().execute(Long.parseLong(instance.getData()))));
        this.assaultEndTask = Tasks.oneTime(ASSAULT_END, String.class)
                .execute((instance, context) -> Actor.runAsSystem(
                        "chaos monkey: end of an assault",
                        () -> monkey.getObject().endAssault(instance.getData())));
        this.healthTask = Tasks.oneTime(HEALTH, String.class)
                .execute((instance, context) -> Actor.runAsSystem(
                        "chaos monkey: health after a termination", () -> health(instance.getData())));
    }

    @Bean
    OneTimeTask<String> chaosMonkeyTerminationTask() {
        return terminationTask;
    }

    @Bean
    OneTimeTask<String> chaosMonkeyAssaultEndTask() {
        return assaultEndTask;
    }

    @Bean
    OneTimeTask<String> chaosMonkeyHealthTask() {
        return healthTask;
    }

    @Bean
    RecurringTask<Void> chaosMonkeyPlanner(MonkeyProperties properties) {
        return Tasks.recurring("chaos-monkey-planner", FixedDelay.of(properties.planEvery()))
                .execute((instance, context) -> Actor.runAsSystem(
                        "chaos monkey: the day's plan", () -> monkey.getObject().planDue()));
    }

    void termination(long planId, Instant at) {
        schedule(terminationTask, "monkey-" + planId, Long.toString(planId), at);
    }

    void assaultEnd(long planId, String actuatorUrl, Instant at) {
        schedule(assaultEndTask, "assault-end-" + planId, actuatorUrl, at);
    }

    /** Look {@code n} at the service's health after termination {@code recordId}. */
    void healthCheck(long recordId, int n, Instant at) {
        schedule(healthTask, "health-" + recordId + "-" + n, recordId + ":" + n, at);
    }

    /** {@code <record>:<look>} ({@code <record>} alone: a timer of a version that looked once). */
    private void health(String data) {
        int colon = data.indexOf(':');
        long record = Long.parseLong(colon < 0 ? data : data.substring(0, colon));
        int n = colon < 0 ? 1 : Integer.parseInt(data.substring(colon + 1));
        monkey.getObject().followHealth(record, n);
    }

    private void schedule(OneTimeTask<String> task, String id, String data, Instant at) {
        Instant when = SchedulerTimeline.onSchedulerTimeline(clock, at);
        SchedulerTimeline.afterCommit(() -> scheduler.getObject().scheduleIfNotExists(task.instance(id, data), when));
    }
}
