package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one planned termination does (behind {@link ChaosMonkey}): claimed once, re-checked ({@link MonkeyChecks}),
 * one instance chosen and terminated ({@link MonkeyActions}) or only recorded (leashed), and the record written
 * with its outcome and reason: audited, published as {@link MonkeyTerminated} when something was (or would be)
 * terminated, announced to the owning team ({@link MonkeyNotices}) and followed by the health checks
 * ({@link MonkeyHealth}).
 */
@Component
class MonkeyExecution {
    private static final Logger log = LoggerFactory.getLogger(MonkeyExecution.class);
    private static final RandomGenerator ENTROPY = new SecureRandom();

    private final MonkeyRepository monkeyRows;
    private final MonkeyChecks checks;
    private final MonkeyActions actions;
    private final MonkeyJobs jobs;
    private final MonkeyNotices notices;
    private final MonkeyProperties properties;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    MonkeyExecution(
            MonkeyRepository monkeyRows,
            MonkeyChecks checks,
            MonkeyActions actions,
            MonkeyJobs jobs,
            MonkeyNotices notices,
            MonkeyProperties properties,
            CatalogManagement catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.monkeyRows = monkeyRows;
        this.checks = checks;
        this.actions = actions;
        this.jobs = jobs;
        this.notices = notices;
        this.properties = properties;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** One planned termination, once (claimed): re-checks, chooses, terminates (or only records, leashed). */
    void execute(long planId) {
        Optional<MonkeyPlanEntry> claimed =
                tx.execute(t -> monkeyRows.planEntry(planId).filter(e -> monkeyRows.claimPlan(planId)));
        if (claimed.isEmpty()) {
            return;
        }
        MonkeyPlanEntry entry = claimed.get();
        Instant now = clock.instant();
        MonkeySettings s =
                tx.execute(t -> monkeyRows.settings(entry.serviceId()).orElse(null));
        MonkeyRecord r;
        if (s == null || !s.enabled()) {
            r = outcome(entry, s, now, "SKIPPED", null, "chaos.monkey.reason.disabled", List.of());
        } else {
            r = act(entry, s, now);
        }
        MonkeyRecord saved = tx.execute(t -> store(s, r));
        after(s, saved);
    }

    /**
     * At planning time, a planned minute already further in the past than the grace (the server was down when the
     * day began): not carried out late, recorded {@code SKIPPED} with why. In the planner's transaction.
     */
    void missed(MonkeyPlanEntry entry, MonkeySettings s, Instant now, Duration grace) {
        store(
                s,
                outcome(
                        entry,
                        s,
                        now,
                        "SKIPPED",
                        null,
                        "chaos.monkey.reason.missed",
                        List.of(entry.plannedFor().toString(), Long.toString(grace.toMinutes()))));
    }

    private MonkeyRecord store(MonkeySettings s, MonkeyRecord r) {
        long id = monkeyRows.insertRecord(r);
        monkeyRows.planDone(r.planId());
        MonkeyRecord done = monkeyRows.record(id).orElseThrow();
        recorded(s, done);
        return done;
    }

    private MonkeyRecord act(MonkeyPlanEntry entry, MonkeySettings s, Instant now) {
        if (s.target() == null) {
            return outcome(entry, s, now, "SKIPPED", null, "chaos.monkey.reason.no-target", List.of());
        }
        Optional<MonkeyChecks.Blocked> blocked = checks.blocked(s, entry.group(), now);
        if (blocked.isPresent()) {
            return outcome(
                    entry,
                    s,
                    now,
                    "BLOCKED",
                    null,
                    blocked.get().code(),
                    blocked.get().args());
        }
        MonkeyActions.Chosen chosen;
        try {
            RandomGenerator random = s.seed() == null ? ENTROPY : new SplittableRandom(s.seed() ^ entry.id());
            Optional<MonkeyActions.Chosen> c = actions.choose(s, entry.group(), random);
            if (c.isEmpty()) {
                return outcome(entry, s, now, "SKIPPED", null, "chaos.monkey.reason.none-eligible", List.of());
            }
            chosen = c.get();
        } catch (Exception e) {
            return outcome(entry, s, now, "BLOCKED", null, "chaos.monkey.reason.check-failed", List.of(why(e)));
        }
        if (s.leashed()) {
            return outcome(entry, s, now, "LEASHED", chosen.description(), "chaos.monkey.reason.leashed", List.of());
        }
        try {
            Instant until = actions.terminate(s, chosen, now);
            if (chosen.kind() == MonkeyTermination.SPRING_BOOT_ASSAULT) {
                jobs.assaultEnd(entry.id(), chosen.target().url(), until);
            }
            MonkeyRecord done = outcome(
                    entry,
                    s,
                    now,
                    "TERMINATED",
                    chosen.description(),
                    until == null ? "chaos.monkey.reason.terminated" : "chaos.monkey.reason.terminated-until",
                    until == null ? List.of() : List.of(until.toString()));
            // alerts are expected while a timed termination lasts, else while the service may still be recovering
            return effectUntil(
                    done,
                    until != null ? until : now.plus(Duration.ofMinutes(Math.max(10, s.unhealthyAfterMinutes()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(
                    entry, s, now, "FAILED", chosen.description(), "chaos.monkey.reason.failed", List.of(why(e)));
        } catch (Exception e) {
            return outcome(
                    entry, s, now, "FAILED", chosen.description(), "chaos.monkey.reason.failed", List.of(why(e)));
        }
    }

    private static String why(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static MonkeyRecord outcome(
            MonkeyPlanEntry e,
            MonkeySettings s,
            Instant now,
            String outcome,
            String target,
            String reason,
            List<String> args) {
        return new MonkeyRecord(
                0,
                e.id(),
                e.serviceId(),
                e.group(),
                now,
                s == null || s.leashed(),
                s == null ? MonkeyTermination.POD : s.termination(),
                target,
                outcome,
                reason,
                args,
                null,
                null);
    }

    private static MonkeyRecord effectUntil(MonkeyRecord r, Instant until) {
        return new MonkeyRecord(
                r.id(),
                r.planId(),
                r.serviceId(),
                r.group(),
                r.occurredAt(),
                r.leashed(),
                r.termination(),
                r.target(),
                r.outcome(),
                r.reason(),
                r.reasonArgs(),
                r.incidentKey(),
                until);
    }

    private static boolean acted(MonkeyRecord r) {
        return r.outcome().equals("TERMINATED") || r.outcome().equals("LEASHED");
    }

    /** In the transaction that records it: audited, and announced as an event when something was (or would be) terminated. */
    private void recorded(MonkeySettings s, MonkeyRecord r) {
        String name =
                catalog.findService(r.serviceId()).map(CatalogService::name).orElse(Long.toString(r.serviceId()));
        audit.record(
                "chaos.monkey." + r.outcome().toLowerCase(Locale.ROOT),
                "chaos-monkey",
                Long.toString(r.serviceId()),
                "Chaos Monkey on " + name + ": " + r.outcome() + (r.target() == null ? "" : " " + r.target()),
                null,
                r);
        if (!acted(r)) {
            return;
        }
        Set<Long> teams = catalog.owningTeamIds(List.of(r.serviceId()));
        Instant until = r.outcome().equals("TERMINATED")
                        && (s.termination() == MonkeyTermination.PROXY_DOWN
                                || s.termination() == MonkeyTermination.SPRING_BOOT_ASSAULT)
                ? r.occurredAt().plus(Duration.ofMinutes(s.durationMinutes()))
                : null;
        events.publishEvent(new MonkeyTerminated(
                r.id(),
                r.serviceId(),
                teams,
                r.group(),
                r.termination(),
                r.target(),
                r.leashed(),
                r.occurredAt(),
                until));
    }

    /** After it is recorded: the owning team told, and the service's health followed from the next minute on. */
    private void after(MonkeySettings s, MonkeyRecord r) {
        if (!acted(r)) {
            return;
        }
        catalog.findService(r.serviceId()).ifPresent(service -> notices.announce(service, r));
        if (r.outcome().equals("TERMINATED") && s.unhealthyAfterMinutes() > 0) {
            Duration every = properties.healthEvery();
            Duration limit = Duration.ofMinutes(s.unhealthyAfterMinutes());
            jobs.healthCheck(r.id(), 1, r.occurredAt().plus(every.compareTo(limit) < 0 ? every : limit));
        }
    }

    /** The end of an assault: the actuator's monkey disabled again. */
    void endAssault(String actuatorUrl) {
        try {
            actions.endAssault(actuatorUrl);
        } catch (Exception e) {
            log.warn("Chaos Monkey could not disable the assault at {}: {}", actuatorUrl, e.toString());
        }
    }
}
