package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.chaos.monkey.MonkeyPlanner;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Chaos Monkey's timing, with the clock read at chosen instants ({@link AdjustableClock#callAt}, this thread
 * only) and real HTTP steady-state endpoints (JDK {@code HttpServer}): after a termination the service's health is
 * looked at until it recovers, and only a service unhealthy at every look for {@code unhealthyAfterMinutes} gets an
 * incident; a planned minute already more than the grace in the past when its day is planned is recorded
 * {@code SKIPPED}, one within the grace runs at once.
 */
class MonkeyTimingTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    ChaosMonkey monkey;

    @Autowired
    MonkeyPlanning planning;

    @Autowired
    MonkeyRepository monkeyRows;

    @Autowired
    ChaosTargets targets;

    @Autowired
    AdjustableClock clock;

    @Autowired
    JdbcClient jdbc;

    /** A steady-state endpoint answering the status held in {@code status}. */
    private static HttpServer endpoint(AtomicInteger status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        s.createContext("/", x -> {
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        s.start();
        return s;
    }

    /** A service whose monkey is off (no planner acts on it) and waits {@code minutes} before an incident. */
    private String serviceWatching(HttpServer health, int minutes) {
        String service = unique("monkey-timing");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        Actor.runAs("engineer", Role.CHAOS_ENGINEER, () -> {
            targets.addTarget(
                    service,
                    new TargetDraft(
                            TargetKind.HTTP,
                            "health",
                            "http://127.0.0.1:" + health.getAddress().getPort() + "/health",
                            List.of(),
                            null,
                            null));
            MonkeySettings.Builder b = new MonkeySettings.Builder(monkey.settings(service));
            b.unhealthyAfterMinutes = minutes;
            return monkey.configure(service, b.build(), null);
        });
        return service;
    }

    /** A termination as the monkey records it, at {@code at}. */
    private long terminatedAt(String service, Instant at) {
        long serviceId = monkey.settings(service).serviceId();
        return tx.execute(s -> monkeyRows.insertRecord(new MonkeyRecord(
                0,
                null,
                serviceId,
                "*/*/*",
                at,
                false,
                MonkeyTermination.PROXY_DOWN,
                "proxy db at http://127.0.0.1:1",
                "TERMINATED",
                "chaos.monkey.reason.terminated",
                List.of(),
                null,
                at.plus(Duration.ofMinutes(10)))));
    }

    private MonkeyHealth.Verdict lookAt(Instant at, long recordId) {
        return clock.callAt(at, () -> Actor.runAsSystem("test: a look", () -> monkey.checkHealth(recordId)));
    }

    private MonkeyRecord record(long id) {
        return tx.execute(s -> monkeyRows.record(id)).orElseThrow();
    }

    @Test
    void aServiceThatRecoversWithinItsTimeGetsNoIncident() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer health = endpoint(status);
        try {
            String service = serviceWatching(health, 10);
            Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long id = terminatedAt(service, t);
            assertThat(lookAt(t.plus(Duration.ofMinutes(1)), id)).isEqualTo(MonkeyHealth.Verdict.UNHEALTHY);
            assertThat(lookAt(t.plus(Duration.ofMinutes(2)), id)).isEqualTo(MonkeyHealth.Verdict.UNHEALTHY);
            status.set(200);
            assertThat(lookAt(t.plus(Duration.ofMinutes(3)), id)).isEqualTo(MonkeyHealth.Verdict.RECOVERED);
            assertThat(record(id).incidentKey()).as("it recovered in time").isNull();
        } finally {
            health.stop(0);
        }
    }

    @Test
    void aServiceUnhealthyAtEveryLookForItsTimeGetsOneIncident() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer health = endpoint(status);
        try {
            String service = serviceWatching(health, 10);
            Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long id = terminatedAt(service, t);
            for (int minute = 1; minute < 10; minute++) {
                assertThat(lookAt(t.plus(Duration.ofMinutes(minute)), id))
                        .as("minute " + minute + ": still within its time")
                        .isEqualTo(MonkeyHealth.Verdict.UNHEALTHY);
            }
            assertThat(record(id).incidentKey()).isNull();
            assertThat(lookAt(t.plus(Duration.ofMinutes(10)), id)).isEqualTo(MonkeyHealth.Verdict.INCIDENT);
            String key = record(id).incidentKey();
            assertThat(key).isNotNull();
            var incident = tx.execute(s -> incidents.get(key));
            assertThat(incident.title()).contains(service).contains("proxy db");
            assertThat(lookAt(t.plus(Duration.ofMinutes(11)), id))
                    .as("once: a later look opens nothing more")
                    .isEqualTo(MonkeyHealth.Verdict.NOTHING);
            assertThat(record(id).incidentKey()).isEqualTo(key);
        } finally {
            health.stop(0);
        }
    }

    @Test
    void aLookThatFindsItUnhealthyPlansTheNextOneWithinTheTime() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer health = endpoint(status);
        try {
            String service = serviceWatching(health, 10);
            Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long id = terminatedAt(service, t);
            clock.runAt(
                    t.plus(Duration.ofMinutes(1)),
                    () -> Actor.runAsSystem("test: the first look", () -> monkey.followHealth(id, 1)));
            String next = "health-" + id + "-2";
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(60),
                            () -> jdbc.sql(
                                                    "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                                            .params(MonkeyJobs.HEALTH, next)
                                            .query(Long.class)
                                            .single()
                                    == 1))
                    .as("the second look is a db-scheduler task")
                    .isTrue();
            // its timer is a minute away in real time: removed, so that no look runs after this test
            jdbc.sql("delete from scheduled_tasks where task_name = ? and task_instance = ?")
                    .params(MonkeyJobs.HEALTH, next)
                    .update();
        } finally {
            health.stop(0);
        }
    }

    /** Leashed, every day all day in UTC, one group drawn every day at a seeded minute. */
    private MonkeySettings leashedEveryDay(String service) {
        MonkeySettings.Builder b = new MonkeySettings.Builder(
                MonkeySettings.defaults(monkey.settings(service).serviceId()));
        b.enabled = true;
        b.leashed = true;
        b.meanTimeBetweenKillsInWorkDays = 1;
        b.minTimeBetweenKillsInWorkDays = 0;
        b.grouping = MonkeyGroups.Grouping.APP;
        b.termination = MonkeyTermination.PROXY_DOWN;
        b.target = "proxy";
        b.zone = "UTC";
        b.workDays = List.copyOf(EnumSet.allOf(DayOfWeek.class));
        b.dayStart = LocalTime.MIDNIGHT;
        b.dayEnd = LocalTime.MIDNIGHT;
        b.unhealthyAfterMinutes = 0;
        b.seed = 11L;
        return b.build();
    }

    /** The minute the planner draws for {@code s} on {@code day}. */
    private static Instant drawn(MonkeySettings s, LocalDate day) {
        return MonkeyPlanning.draw(s, day, Map.of(), MonkeyPlanner.seeded(s.seed(), s.serviceId(), day))
                .getFirst()
                .at();
    }

    @Test
    void aPlannedMinuteLongPastWhenTheDayIsPlannedIsSkippedAndSaysWhy() throws Exception {
        try (ChaosFixture f = new ChaosFixture("db")) {
            String service = unique("monkey-missed");
            tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
            Actor.runAs(
                    "engineer",
                    Role.CHAOS_ENGINEER,
                    () -> targets.addTarget(
                            service,
                            new TargetDraft(TargetKind.PROXY, "proxy", f.api, List.of(f.proxyName), null, null)));
            // planned here for days gone by (the planner plans today): no timer of today's plan interferes
            MonkeySettings s = leashedEveryDay(service);
            LocalDate late = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(7);
            Instant lateAt = drawn(s, late);
            Instant lateNow = lateAt.plus(Duration.ofMinutes(11));
            assertThat(clock.callAt(
                            lateNow, () -> Actor.runAsSystem("test: the planner", () -> planning.planDay(s, lateNow))))
                    .isEqualTo(1);
            MonkeyPlanEntry skipped =
                    tx.execute(t -> monkeyRows.plan(s.serviceId(), late)).getFirst();
            assertThat(skipped.status()).isEqualTo("DONE");
            MonkeyRecord r = Actor.runAsSystem("test", () -> monkey.history(service, 50)).stream()
                    .filter(x -> x.planId() != null && x.planId() == skipped.id())
                    .findFirst()
                    .orElseThrow();
            assertThat(r.outcome()).isEqualTo("SKIPPED");
            assertThat(r.reason()).isEqualTo("chaos.monkey.reason.missed");
            assertThat(r.reasonArgs()).containsExactly(lateAt.toString(), "10");
            assertThat(r.occurredAt()).isEqualTo(lateNow);

            // five minutes late is within the grace: its timer is due at once and the termination is carried out
            LocalDate inGrace = late.minusDays(7);
            Instant graceAt = drawn(s, inGrace);
            Instant graceNow = graceAt.plus(Duration.ofMinutes(5));
            // stored enabled, as the termination reads it (it runs at the real time: blocked or leashed, not missed)
            Actor.runAs("engineer", Role.CHAOS_ENGINEER, () -> monkey.configure(service, s, null));
            assertThat(clock.callAt(
                            graceNow,
                            () -> Actor.runAsSystem("test: the planner", () -> planning.planDay(s, graceNow))))
                    .isEqualTo(1);
            MonkeyPlanEntry due =
                    tx.execute(t -> monkeyRows.plan(s.serviceId(), inGrace)).getFirst();
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(60),
                            () -> Actor.runAsSystem("test", () -> monkey.history(service, 50)).stream()
                                    .anyMatch(x -> x.planId() != null && x.planId() == due.id())))
                    .as("carried out at once by its timer")
                    .isTrue();
            MonkeyRecord ran = Actor.runAsSystem("test", () -> monkey.history(service, 50)).stream()
                    .filter(x -> x.planId() != null && x.planId() == due.id())
                    .findFirst()
                    .orElseThrow();
            assertThat(ran.reason()).isNotEqualTo("chaos.monkey.reason.missed");
            assertThat(f.proxyEnabled())
                    .as("leashed: the proxy was not touched")
                    .isTrue();
        }
    }
}
