package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Chaos Monkey end to end in the server: Netflix's configurations imported through the API, the day planned
 * and each planned termination carried out once, leashed (touching nothing: the real proxy stays up), blocked by
 * the outage check (an incident on the service, the kill switch) and by a check that fails, and armed (the real
 * proxy taken down with its own lease, which brings it back without the server).
 */
class ChaosMonkeyTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    IncidentContributions openIncidents;

    @Autowired
    dev.kintsugi.incident.IncidentManagement incidentManagement;

    @Autowired
    ChaosMonkey monkey;

    @Autowired
    KillSwitch killSwitch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonkeyRepository monkeyRows;

    @Autowired
    AdjustableClock clock;

    @Autowired
    MonkeyPlanning planning;

    static String fixture(String name) {
        try (InputStream in = ChaosMonkeyTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newService() {
        String service = unique("monkey");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        return service;
    }

    private static void addProxyTarget(ApiClient engineer, String service, ChaosFixture f) {
        ApiClient.Response r = engineer.post(
                "/api/v1/services/" + service + "/chaos-targets",
                Map.of("kind", "PROXY", "name", "proxy", "url", f.api, "proxies", List.of(f.proxyName)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Every day, all day (so that the tests never depend on the day or the hour), one group, chosen every day. */
    private static Map<String, Object> everyDay(boolean leashed, int minutes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", true);
        m.put("leashed", leashed);
        m.put("meanTimeBetweenKillsInWorkDays", 1);
        m.put("minTimeBetweenKillsInWorkDays", 0);
        m.put("grouping", "APP");
        m.put("termination", "PROXY_DOWN");
        m.put("target", "proxy");
        m.put("durationMinutes", minutes);
        m.put("zone", "UTC");
        m.put(
                "workDays",
                EnumSet.allOf(DayOfWeek.class).stream().map(Enum::name).toList());
        m.put("dayStart", "00:00");
        m.put("dayEnd", "00:00");
        m.put("unhealthyAfterMinutes", 0);
        m.put("seed", 7);
        return m;
    }

    /**
     * Configures the service, plans today (the planner's work) and carries out its one planned termination. The
     * seeded minute may be anywhere in the day, and one already past by more than the grace when the day is planned
     * is skipped: the day is planned as at its start (the clock read then, on this thread), while the monkey is
     * still stored off so that the planner's own task cannot plan it first; then it is switched on.
     */
    private MonkeyRecord planAndRun(ApiClient engineer, String service, Map<String, Object> settings)
            throws InterruptedException {
        Map<String, Object> off = new LinkedHashMap<>(settings);
        off.put("enabled", false);
        String path = "/api/v1/services/" + service + "/chaos-monkey";
        ApiClient.Response put = engineer.put(path, off);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        MonkeySettings.Builder on =
                new MonkeySettings.Builder(Actor.runAsSystem("test", () -> monkey.settings(service)));
        on.enabled = true;
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        // planned for the day's start, with the clock reading an hour before: the termination's own timer (placed
        // from the clock's reading) is then at least an hour away, and only this test carries it out
        assertThat(clock.callAt(
                        dayStart.minus(Duration.ofHours(1)),
                        () -> Actor.runAsSystem("test: the planner", () -> planning.planDay(on.build(), dayStart))))
                .as("one group, probability 1")
                .isEqualTo(1);
        List<MonkeyPlanEntry> plan = tx.execute(s -> monkeyRows.plan(on.serviceId, day));
        assertThat(plan).hasSize(1);
        ApiClient.Response enable = engineer.put(path, settings);
        assertThat(enable.status()).as(enable.body()).isEqualTo(200);
        Actor.runAsSystem(
                "test: the termination", () -> monkey.execute(plan.getFirst().id()));
        List<MonkeyRecord> h = history(service);
        assertThat(h).as("carried out once").hasSize(1);
        assertThat(h.getFirst().planId()).isEqualTo(plan.getFirst().id());
        return h.getFirst();
    }

    private List<MonkeyRecord> history(String service) {
        return Actor.runAsSystem("test", () -> monkey.history(service, 50));
    }

    /**
     * Open SEV1 incidents left by other tests in the shared test database would block every termination (as they
     * should): they are resolved first, and the test says which.
     */
    private void noSev1Open() {
        List<String> left = tx.execute(s -> openIncidents.openOn(List.of())).stream()
                .filter(i -> i.severity() == Severity.SEV1)
                .map(i -> i.key())
                .toList();
        for (String key : left) {
            Actor.runAsSystem(
                    "ChaosMonkeyTest: a SEV1 left open by another test",
                    () -> tx.execute(s -> incidentManagement.transition(
                            key, dev.kintsugi.incident.Transition.to(dev.kintsugi.incident.IncidentStatus.RESOLVED))));
        }
        assertThat(tx.execute(s -> openIncidents.openOn(List.of())).stream()
                        .filter(i -> i.severity() == Severity.SEV1)
                        .map(i -> i.key())
                        .toList())
                .as("open SEV1 incidents after resolving those left by other tests " + left)
                .isEmpty();
    }

    @Test
    void netflixConfigurationsImportAsTheyAreAndKeepTheirMeaning() {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        String path = "/api/v1/services/" + service + "/chaos-monkey";

        ApiClient.Response before = engineer.get(path);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("enabled").asBoolean())
                .as("off by default")
                .isFalse();
        assertThat(before.json().path("leashed").asBoolean())
                .as("leashed by default")
                .isTrue();

        ApiClient.Response imported =
                engineer.send("POST", path + "/import", fixture("chaosmonkey-app-config-exceptions.json"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        JsonNode s = imported.json();
        assertThat(s.path("enabled").asBoolean()).isTrue();
        assertThat(s.path("leashed").asBoolean())
                .as("the leash is Kintsugi's: kept")
                .isTrue();
        assertThat(s.path("meanTimeBetweenKillsInWorkDays").asInt()).isEqualTo(5);
        assertThat(s.path("minTimeBetweenKillsInWorkDays").asInt()).isEqualTo(1);
        assertThat(s.path("grouping").asString()).isEqualTo("CLUSTER");
        assertThat(s.path("regionsAreIndependent").asBoolean()).isTrue();
        assertThat(s.path("exceptions")).hasSize(2);
        assertThat(s.path("exceptions").get(1).path("account").asString()).isEqualTo("prod");
        assertThat(s.path("exceptions").get(1).path("region").asString()).isEqualTo("eu-west-1");
        long version = s.path("version").asLong();

        ApiClient.Response stale = engineer.withHeader("If-Match", "\"" + (version + 5) + "\"")
                .send("POST", path + "/import", fixture("chaosmonkey-app-config-whitelist.json"));
        assertThat(stale.status()).isEqualTo(412);
        ApiClient.Response white = engineer.withHeader("If-Match", "\"" + version + "\"")
                .send("POST", path + "/import", fixture("chaosmonkey-app-config-whitelist.json"));
        assertThat(white.status()).as(white.body()).isEqualTo(200);
        assertThat(white.json().path("exceptions")).isEmpty();
        assertThat(white.json().path("whitelist")).hasSize(2);

        ApiClient.Response bad = engineer.send(
                "POST", path + "/import", "{\"attributes\": {\"chaosMonkey\": {\"grouping\": \"rack\"}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("attributes.chaosMonkey.grouping");
        assertThat(engineer.get(path).json().path("whitelist"))
                .as("nothing half-written")
                .hasSize(2);

        ApiClient viewer = apiAs(Role.VIEWER);
        assertThat(viewer.send("POST", path + "/import", fixture("chaosmonkey-app-config-whitelist.json"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.get(path + "/plan").status())
                .as("the plan is not for every viewer")
                .isEqualTo(403);
        assertThat(viewer.get(path + "/history").status()).isEqualTo(200);
    }

    @Test
    void leashedItPlansAndRecordsAndTouchesNothing() throws Exception {
        noSev1Open();
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            addProxyTarget(engineer, service, f);
            MonkeyRecord r = planAndRun(engineer, service, everyDay(true, 5));
            assertThat(r.outcome()).as(r.toString()).isEqualTo("LEASHED");
            assertThat(r.leashed()).isTrue();
            assertThat(r.target()).isEqualTo("proxy db at " + f.api);
            assertThat(f.proxyEnabled()).as("the real proxy was not touched").isTrue();
            assertThat(f.toxics()).isEmpty();
            // the day is planned once: planning again adds nothing
            Actor.runAsSystem("test: the planner", () -> monkey.planDue());
            List<MonkeyPlanEntry> day = tx.execute(s -> monkeyRows.plan(
                    r.serviceId(),
                    monkeyRows.planEntry(r.planId()).orElseThrow().day()));
            assertThat(day).hasSize(1);
        }
    }

    /**
     * What two instances on one database would do at once: both planners see the day unplanned, both timers fire
     * for the same planned termination. The day is planned once and the termination carried out once.
     */
    @Test
    void plannedAndCarriedOutOnceWhenTwoWorkersRaceForIt() throws Exception {
        noSev1Open();
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            addProxyTarget(engineer, service, f);
            assertThat(engineer.put("/api/v1/services/" + service + "/chaos-monkey", everyDay(true, 5))
                            .status())
                    .isEqualTo(200);
            // as at the day's start: the seeded minute is not already past (skipped)
            Instant dayStart = LocalDate.now(clock.withZone(ZoneOffset.UTC))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            List<java.util.concurrent.Callable<Integer>> planners = List.of(
                    () -> clock.callAt(dayStart, () -> Actor.runAsSystem("test: planner 1", () -> monkey.planDue())),
                    () -> clock.callAt(dayStart, () -> Actor.runAsSystem("test: planner 2", () -> monkey.planDue())),
                    () -> clock.callAt(dayStart, () -> Actor.runAsSystem("test: planner 3", () -> monkey.planDue())));
            dev.kintsugi.support.VersionedApi.together(planners);
            List<MonkeyPlanEntry> plan = Actor.runAsSystem("test", () -> monkey.today(service));
            assertThat(plan).as("the day planned once").hasSize(1);
            long id = plan.getFirst().id();
            List<java.util.concurrent.Callable<Boolean>> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(() -> {
                    Actor.runAsSystem("test: a timer", () -> monkey.execute(id));
                    return true;
                });
            }
            dev.kintsugi.support.VersionedApi.together(workers);
            assertThat(history(service)).as("carried out once").hasSize(1);
        }
    }

    @Test
    void anIncidentOnTheServiceOrTheKillSwitchBlocksAndSaysWhy() throws Exception {
        noSev1Open();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            String service = newService();
            addProxyTarget(engineer, service, f);
            // the incident first, then the monkey: no timer may act before the incident is open
            String key = tx.execute(s -> incidents
                    .declare(new DeclareIncident(
                            "Checkout slow", null, Severity.SEV2, List.of(service), null, null, false, null, null))
                    .key());
            try {
                MonkeyRecord r = planAndRun(engineer, service, everyDay(false, 5));
                assertThat(r.outcome()).isEqualTo("BLOCKED");
                assertThat(r.reason()).isEqualTo("chaos.monkey.reason.incident");
                assertThat(r.reasonArgs()).containsExactly(key, "SEV2");
                assertThat(f.proxyEnabled()).isTrue();
            } finally {
                tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
            }

            String other = newService();
            addProxyTarget(engineer, other, f);
            Actor.runAs("engineer", Role.CHAOS_ENGINEER, () -> killSwitch.engage("monkey test"));
            try {
                MonkeyRecord r = planAndRun(engineer, other, everyDay(false, 5));
                assertThat(r.outcome()).isEqualTo("BLOCKED");
                assertThat(r.reason()).isEqualTo("chaos.monkey.reason.kill-switch");
                assertThat(f.proxyEnabled()).isTrue();
            } finally {
                Actor.runAs("engineer", Role.CHAOS_ENGINEER, () -> killSwitch.release());
            }
        }
    }

    @Test
    void aCheckThatFailsBlocksAndTouchesNothing() throws Exception {
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            String service = newService();
            addProxyTarget(engineer, service, f);
            long serviceId = tx.execute(s -> catalog.service(service).id());
            // saved off (no planner looks at it), then made bad by hand (a zone no JDK knows, as a hand-edited row
            // could be) and switched on: the calendar check throws. The planned termination is written here, for
            // tomorrow, so that no timer races this test.
            Map<String, Object> off = everyDay(false, 5);
            off.put("enabled", false);
            assertThat(engineer.put("/api/v1/services/" + service + "/chaos-monkey", off)
                            .status())
                    .isEqualTo(200);
            jdbc.sql("update chaos_monkey_config set enabled = true, settings = replace(replace(settings,"
                            + " '\"UTC\"', '\"Mars/Olympus\"'), '\"enabled\":false', '\"enabled\":true')"
                            + " where service_id = ?")
                    .param(serviceId)
                    .update();
            assertThat(tx.execute(s -> monkeyRows.settings(serviceId))
                            .orElseThrow()
                            .zone())
                    .isEqualTo("Mars/Olympus");
            long id = tx.execute(s -> monkeyRows.insertPlan(
                    serviceId,
                    java.time.LocalDate.now(clock),
                    "*/*/*",
                    clock.instant().plus(Duration.ofDays(1))));
            Actor.runAsSystem("test: the termination", () -> monkey.execute(id));
            MonkeyRecord r = history(service).getFirst();
            assertThat(r.outcome()).isEqualTo("BLOCKED");
            assertThat(r.reason()).isEqualTo("chaos.monkey.reason.check-failed");
            assertThat(r.reasonArgs().getFirst()).contains("Mars/Olympus");
            assertThat(f.proxyEnabled()).as("fail closed: nothing touched").isTrue();
        }
    }

    @Test
    void armedItTakesTheProxyDownAndTheProxysOwnLeaseBringsItBack() throws Exception {
        noSev1Open();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            String service = newService();
            addProxyTarget(engineer, service, f);
            MonkeyRecord r = planAndRun(engineer, service, everyDay(false, 1));
            assertThat(r.outcome()).as(r.toString()).isEqualTo("TERMINATED");
            assertThat(r.target()).isEqualTo("proxy db at " + f.api);
            assertThat(f.proxyEnabled()).as("down").isFalse();
            // nothing in the server brings it back: the lease is the proxy's own (ttl_ms on the disable)
            long faults = jdbc.sql("select count(*) from chaos_fault where api_url = ?")
                    .param(f.api)
                    .query(Long.class)
                    .single();
            assertThat(faults).isZero();
            assertThat(ChaosFixture.poll(Duration.ofSeconds(90), () -> f.proxyEnabled()))
                    .as("the proxy enabled itself when its one-minute lease ended")
                    .isTrue();
            List<String> audited = new ArrayList<>();
            jdbc.sql("select action from platform_audit_entry where target_type = 'chaos-monkey' and target_id = ?")
                    .param(Long.toString(
                            tx.execute(s -> catalog.service(service).id())))
                    .query(String.class)
                    .list()
                    .forEach(audited::add);
            assertThat(audited).contains("chaos.monkey.configured", "chaos.monkey.terminated");
        }
    }

    @Test
    void outsideWorkingHoursOrOnAFreezeNothingIsPlanned() {
        MonkeySettings s = MonkeySettings.defaults(1);
        var cal = MonkeyChecks.calendar(new MonkeySettings(
                1,
                true,
                true,
                1,
                0,
                MonkeyGroups.Grouping.APP,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                MonkeyTermination.POD,
                "k",
                5,
                "Asia/Jerusalem",
                List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                List.of(java.time.LocalDate.of(2026, 12, 3)),
                List.of(new MonkeySettings.Freeze(
                        java.time.LocalDate.of(2026, 12, 6), java.time.LocalDate.of(2026, 12, 7), "release")),
                null,
                false,
                0,
                null,
                0));
        assertThat(s.leashed()).isTrue();
        assertThat(cal.isWorkingDay(java.time.LocalDate.of(2026, 12, 1))).isTrue(); // Tuesday
        assertThat(cal.isWorkingDay(java.time.LocalDate.of(2026, 12, 3)))
                .as("holiday")
                .isFalse();
        assertThat(cal.isWorkingDay(java.time.LocalDate.of(2026, 12, 4)))
                .as("Friday")
                .isFalse();
        assertThat(cal.isWorkingDay(java.time.LocalDate.of(2026, 12, 6)))
                .as("freeze, a Sunday")
                .isFalse();
        assertThat(cal.isWorkingDay(java.time.LocalDate.of(2026, 12, 8))).isTrue();
    }
}
