package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Chaos Monkey's facade: per-service configuration (opt-in, off and leashed by default; Netflix's configuration
 * imports as it is; {@link MonkeyConfigs}), the daily plan (one row per planned termination, one db-scheduler task
 * each; {@link MonkeyPlanning}), what each planned termination did ({@link MonkeyExecution}) and the service's
 * health after it ({@link MonkeyHealth}). Configuration needs {@code CHAOS_ENGINEER}; the history is for every
 * viewer; the plan of the day for chaos engineers, and for the owning team's members when the service opts for it.
 * Every change is audited; every termination (leashed or not) publishes {@link MonkeyTerminated} and is mailed to
 * the owning team.
 */
@Service
public class ChaosMonkey {
    private final MonkeyRepository monkeyRows;
    private final MonkeyConfigs configs;
    private final MonkeyPlanning planning;
    private final MonkeyExecution execution;
    private final MonkeyHealth health;
    private final CatalogManagement catalog;
    private final Clock clock;
    private final TransactionTemplate tx;

    ChaosMonkey(
            MonkeyRepository monkeyRows,
            MonkeyConfigs configs,
            MonkeyPlanning planning,
            MonkeyExecution execution,
            MonkeyHealth health,
            CatalogManagement catalog,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.monkeyRows = monkeyRows;
        this.configs = configs;
        this.planning = planning;
        this.execution = execution;
        this.health = health;
        this.catalog = catalog;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    // ---- configuration ----

    /** The service's monkey (the defaults, version 0, when it never opted in). */
    public MonkeySettings settings(String service) {
        return configs.settings(catalog.service(service));
    }

    /** Replaces the service's monkey configuration (all of it), guarded by {@code If-Match}. */
    public MonkeySettings configure(String service, MonkeySettings wanted, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        return configs.configure(catalog.service(service), wanted, expectedVersion);
    }

    /** Netflix's fields from its Spinnaker JSON; Kintsugi's own fields (leash, termination, calendar) are kept. */
    public MonkeySettings importNetflix(String service, String json, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        return configs.importNetflix(catalog.service(service), json, expectedVersion);
    }

    /** Adds the holidays of an iCalendar file (this year and the next two) to the service's list. */
    public MonkeySettings importHolidays(String service, String ics, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        return configs.importHolidays(catalog.service(service), ics, expectedVersion);
    }

    // ---- what it plans and did ----

    /** Whether the current user may see the service's plan of the day. */
    public boolean maySeePlan(String service) {
        CatalogService s = catalog.service(service);
        if (Actor.isSystem() || Actor.hasRole(Role.CHAOS_ENGINEER)) {
            return true;
        }
        return configs.settings(s).planVisibleToTeam()
                && catalog.findTeam(s.ownerTeamId())
                        .map(team -> team.members().contains(Actor.current()))
                        .orElse(false);
    }

    /** The planned terminations of the service's current local day. */
    public List<MonkeyPlanEntry> today(String service) {
        if (!maySeePlan(service)) {
            throw new AccessDeniedException("the Chaos Monkey's plan is for chaos engineers and, when the service"
                    + " opts for it, its owning team");
        }
        MonkeySettings s = settings(service);
        LocalDate day = clock.instant().atZone(ZoneId.of(s.zone())).toLocalDate();
        return tx.execute(t -> monkeyRows.plan(s.serviceId(), day));
    }

    /** What the monkey did on the service, latest first. */
    public List<MonkeyRecord> history(String service, int limit) {
        CatalogService s = catalog.service(service);
        return tx.execute(t -> monkeyRows.history(s.id(), Math.max(1, Math.min(limit, 500))));
    }

    /** A termination (not leashed) on one of {@code serviceIds} whose effect lasts at {@code at}, if any. */
    public Optional<MonkeyRecord> inEffect(Collection<Long> serviceIds, Instant at) {
        return tx.execute(t -> monkeyRows.inEffect(serviceIds, at));
    }

    // ---- the jobs' work (MonkeyJobs) ----

    /** Plans the local day of every enabled monkey whose day is not planned yet; answers the entries planned. */
    int planDue() {
        return planning.planDue();
    }

    /** One planned termination, once (claimed). */
    void execute(long planId) {
        execution.execute(planId);
    }

    /** The end of an assault: the actuator's monkey disabled again. */
    void endAssault(String actuatorUrl) {
        execution.endAssault(actuatorUrl);
    }

    /** Look {@code n} at the service's health after termination {@code recordId}, and the next one if needed. */
    void followHealth(long recordId, int n) {
        health.follow(recordId, n);
    }

    /** One look now at the service's health after termination {@code recordId}, with nothing planned after it. */
    MonkeyHealth.Verdict checkHealth(long recordId) {
        return health.look(recordId).verdict();
    }
}
