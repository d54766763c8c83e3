package dev.kintsugi.chaos;

import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.chaos.monkey.MonkeyPlanner;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Chaos Monkey's planner (behind {@link ChaosMonkey}, run by the db-scheduler task of {@link MonkeyJobs}): each
 * enabled service's local working day is drawn once ({@link MonkeyPlanner}; the day's row is claimed, so several
 * instances plan it once), one row and one timer per planned termination. A planned minute already more than
 * {@code kintsugi.chaos.monkey.missed-grace} in the past when the day is planned (the server was down when the day
 * began) is recorded {@code SKIPPED} rather than carried out late. It also runs the planned terminations whose
 * timer got lost.
 */
@Component
class MonkeyPlanning {
    private static final Logger log = LoggerFactory.getLogger(MonkeyPlanning.class);
    private static final RandomGenerator ENTROPY = new SecureRandom();

    private final MonkeyRepository monkeyRows;
    private final MonkeyExecution execution;
    private final MonkeyJobs jobs;
    private final MonkeyProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;

    MonkeyPlanning(
            MonkeyRepository monkeyRows,
            MonkeyExecution execution,
            MonkeyJobs jobs,
            MonkeyProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.monkeyRows = monkeyRows;
        this.execution = execution;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Plans the local day of every enabled monkey whose day is not planned yet; answers the entries planned. */
    int planDue() {
        Instant now = clock.instant();
        int planned = 0;
        for (MonkeySettings s : tx.execute(t -> monkeyRows.enabled())) {
            try {
                planned += planDay(s, now);
            } catch (RuntimeException e) {
                log.warn("Chaos Monkey could not plan service {}: {}", s.serviceId(), e.toString());
            }
        }
        for (MonkeyPlanEntry e : tx.execute(t -> monkeyRows.due(now.minusSeconds(60)))) {
            execution.execute(e.id()); // a timer that got lost: the claim keeps it from running twice
        }
        return planned;
    }

    /** Plans {@code s}'s local day of {@code now} unless it is planned already; answers the entries planned. */
    int planDay(MonkeySettings s, Instant now) {
        WorkCalendar cal = MonkeyChecks.calendar(s);
        LocalDate day = now.atZone(cal.zone()).toLocalDate();
        List<String> keys = groupKeys(s);
        Map<String, LocalDate> last = new HashMap<>();
        for (String k : keys) {
            tx.execute(t -> monkeyRows.lastTermination(s.serviceId(), k))
                    .ifPresent(at -> last.put(k, at.atZone(cal.zone()).toLocalDate()));
        }
        RandomGenerator random = s.seed() == null ? ENTROPY : MonkeyPlanner.seeded(s.seed(), s.serviceId(), day);
        List<MonkeyPlanner.Planned> plan = draw(s, day, last, random);
        Duration grace = properties.missedGrace();
        Integer planned = tx.execute(t -> {
            if (!monkeyRows.claimDay(s.serviceId(), day, now)) {
                return 0;
            }
            for (MonkeyPlanner.Planned p : plan) {
                long id = monkeyRows.insertPlan(s.serviceId(), day, p.group(), p.at());
                if (p.at().isBefore(now.minus(grace))) {
                    execution.missed(
                            new MonkeyPlanEntry(id, s.serviceId(), day, p.group(), p.at(), "PLANNED"), s, now, grace);
                } else {
                    jobs.termination(id, p.at());
                }
            }
            return plan.size();
        });
        return planned == null ? 0 : planned;
    }

    /** The keys of the service's groups (Netflix's grouping over the configured values, minus exceptions). */
    static List<String> groupKeys(MonkeySettings s) {
        return MonkeyGroups.groups(
                        s.grouping(),
                        s.regionsAreIndependent(),
                        s.environments(),
                        s.clusters(),
                        s.regions(),
                        s.exceptions(),
                        s.whitelist())
                .stream()
                .map(MonkeyGroups.Group::key)
                .toList();
    }

    /** The draw of {@code day} for the service's groups, given each group's last termination day. */
    static List<MonkeyPlanner.Planned> draw(
            MonkeySettings s, LocalDate day, Map<String, LocalDate> last, RandomGenerator random) {
        return MonkeyPlanner.plan(
                day,
                groupKeys(s),
                MonkeyChecks.calendar(s),
                s.meanTimeBetweenKillsInWorkDays(),
                s.minTimeBetweenKillsInWorkDays(),
                last,
                random);
    }
}
