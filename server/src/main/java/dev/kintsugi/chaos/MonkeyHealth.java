package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's health after a termination (behind {@link ChaosMonkey}): its steady-state endpoints (HTTP targets)
 * are polled every {@code kintsugi.chaos.monkey.health-every} from the termination on; the first look that finds
 * them healthy ends it, and only a service that stayed unhealthy at every look for the service's
 * {@code unhealthyAfterMinutes} gets an incident (SEV3) linked to the termination. Each look is a db-scheduler
 * task ({@code health-<record>-<n>}), so it runs once in a cluster.
 */
@Component
class MonkeyHealth {
    /** What one look found: the service healthy again, still unhealthy (look again), an incident opened, or nothing to follow. */
    enum Verdict {
        RECOVERED,
        UNHEALTHY,
        INCIDENT,
        NOTHING
    }

    /** One look's verdict, and when the time allowed to recover ends. */
    record Look(Verdict verdict, Instant deadline) {}

    private final MonkeyRepository monkeyRows;
    private final MonkeyActions actions;
    private final MonkeyJobs jobs;
    private final MonkeyProperties properties;
    private final CatalogManagement catalog;
    private final IncidentManagement incidents;
    private final Clock clock;
    private final TransactionTemplate tx;

    MonkeyHealth(
            MonkeyRepository monkeyRows,
            MonkeyActions actions,
            MonkeyJobs jobs,
            MonkeyProperties properties,
            CatalogManagement catalog,
            IncidentManagement incidents,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.monkeyRows = monkeyRows;
        this.actions = actions;
        this.jobs = jobs;
        this.properties = properties;
        this.catalog = catalog;
        this.incidents = incidents;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The job: look {@code n}, and plan look {@code n + 1} while the service is unhealthy within its time. */
    void follow(long recordId, int n) {
        Look look = look(recordId);
        if (look.verdict() == Verdict.UNHEALTHY) {
            Instant next = clock.instant().plus(properties.healthEvery());
            jobs.healthCheck(recordId, n + 1, next.isBefore(look.deadline()) ? next : look.deadline());
        }
    }

    /** One look at the service's steady-state endpoints after termination {@code recordId}. */
    Look look(long recordId) {
        MonkeyRecord r = tx.execute(t -> monkeyRows.record(recordId).orElse(null));
        if (r == null || r.incidentKey() != null) {
            return new Look(Verdict.NOTHING, null);
        }
        MonkeySettings s = tx.execute(t -> monkeyRows.settings(r.serviceId()).orElse(null));
        if (s == null || s.unhealthyAfterMinutes() <= 0) {
            return new Look(Verdict.NOTHING, null);
        }
        Instant deadline = r.occurredAt().plus(Duration.ofMinutes(s.unhealthyAfterMinutes()));
        Optional<Boolean> healthy = actions.healthy(r.serviceId());
        if (healthy.isEmpty()) {
            return new Look(Verdict.NOTHING, deadline);
        }
        if (healthy.get()) {
            return new Look(Verdict.RECOVERED, deadline);
        }
        Instant now = clock.instant();
        if (now.isBefore(deadline)) {
            return new Look(Verdict.UNHEALTHY, deadline);
        }
        CatalogService service = catalog.findService(r.serviceId()).orElse(null);
        if (service == null) {
            return new Look(Verdict.NOTHING, deadline);
        }
        var incident = incidents.declare(new DeclareIncident(
                "Chaos Monkey: " + service.name() + " still unhealthy after terminating " + r.target(),
                "The Chaos Monkey terminated " + r.target() + " at " + r.occurredAt()
                        + " (termination " + r.id() + ", group " + r.group() + ") and the service's steady-state"
                        + " endpoint failed at every check for " + s.unhealthyAfterMinutes() + " minutes.",
                Severity.SEV3,
                List.of(service.name()),
                r.occurredAt(),
                now,
                false,
                null,
                null));
        tx.executeWithoutResult(t -> monkeyRows.incidentOpened(recordId, incident.key()));
        return new Look(Verdict.INCIDENT, deadline);
    }
}
