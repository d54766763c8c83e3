package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * After a termination: the owning team's members are told by e-mail (GreenMail), the health check is scheduled
 * as a db-scheduler task, and a service whose steady-state endpoint still fails then gets an incident linked to
 * the termination. A database of its own (as the on-call notification tests): another cached context's
 * db-scheduler, with no mail server, must not pick this context's tasks.
 */
class MonkeyNoticesTest extends IntegrationTest {
    static final Mailbox MAIL = Mailbox.start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        Mailbox.ownDatabase(registry, "kintsugi-monkey-notices");
        MAIL.register(registry);
    }

    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    ChaosMonkey monkey;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.kintsugi.platform.AdjustableClock clock;

    @Test
    void theTeamIsToldAndAServiceStillUnhealthyGetsAnIncident() throws Exception {
        String member = unique("owner");
        createUser(member, Role.RESPONDER, "password-" + member);
        String service = unique("monkey-notice");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(service + "-team", "Team", null, null, List.of(member)));
            catalog.createService(
                    new ServiceDraft(service, "Service", null, Tier.TIER_2, service + "-team", null, null, null));
        });
        HttpServer sick = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        sick.createContext("/", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        sick.start();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            assertThat(engineer.post(
                                    "/api/v1/services/" + service + "/chaos-targets",
                                    Map.of("kind", "PROXY", "name", "proxy", "url", f.api, "proxies", List.of("db")))
                            .status())
                    .isEqualTo(201);
            assertThat(engineer.post(
                                    "/api/v1/services/" + service + "/chaos-targets",
                                    Map.of(
                                            "kind",
                                            "HTTP",
                                            "name",
                                            "health",
                                            "url",
                                            "http://127.0.0.1:"
                                                    + sick.getAddress().getPort() + "/health"))
                            .status())
                    .isEqualTo(201);
            Map<String, Object> settings = new java.util.LinkedHashMap<>(Map.of(
                    "enabled",
                    true,
                    "leashed",
                    false,
                    "meanTimeBetweenKillsInWorkDays",
                    1,
                    "minTimeBetweenKillsInWorkDays",
                    0,
                    "grouping",
                    "APP",
                    "termination",
                    "PROXY_DOWN",
                    "target",
                    "proxy",
                    "durationMinutes",
                    1,
                    "unhealthyAfterMinutes",
                    30));
            settings.put(
                    "workDays",
                    List.of(java.time.DayOfWeek.values()).stream()
                            .map(Enum::name)
                            .toList());
            settings.put("dayStart", "00:00");
            settings.put("dayEnd", "00:00");
            ApiClient.Response put = engineer.put("/api/v1/services/" + service + "/chaos-monkey", settings);
            assertThat(put.status()).as(put.body()).isEqualTo(200);

            // planned as at the day's start, so that no planned minute is already past (those are skipped)
            java.time.Instant dayStart = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
            clock.runAt(dayStart, () -> Actor.runAsSystem("test: the planner", () -> monkey.planDue()));
            long planId = Actor.runAsSystem("test", () -> monkey.today(service))
                    .getFirst()
                    .id();
            Actor.runAsSystem("test: the termination", () -> monkey.execute(planId));
            MonkeyRecord r =
                    Actor.runAsSystem("test", () -> monkey.history(service, 5)).getFirst();
            // this database is this class's own: no SEV1 of another test can block it
            assertThat(r.outcome()).as(r.toString()).isEqualTo("TERMINATED");

            String address = member + "@example.test";
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(60), () -> !MAIL.mailTo(address).isEmpty()))
                    .isTrue();
            MimeMessage mail = MAIL.mailTo(address).getFirst();
            assertThat(mail.getSubject()).isEqualTo("Chaos Monkey: a termination on " + service);
            assertThat(Mailbox.body(mail)).contains("proxy db at " + f.api);

            // the health check waits for its first look (a minute from now); looks are run here, the last one at minute
            // 30
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                            .params(MonkeyJobs.HEALTH, "health-" + r.id() + "-1")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
            clock.runAt(
                    r.occurredAt().plus(Duration.ofMinutes(30)),
                    () -> Actor.runAsSystem("test: the health check", () -> monkey.checkHealth(r.id())));
            MonkeyRecord after =
                    Actor.runAsSystem("test", () -> monkey.history(service, 5)).getFirst();
            assertThat(after.incidentKey()).isNotNull();
            var incident = tx.execute(s -> incidents.get(after.incidentKey()));
            assertThat(incident.title()).contains(service).contains("proxy db");
            // once: a second check opens nothing more
            clock.runAt(
                    r.occurredAt().plus(Duration.ofMinutes(30)),
                    () -> Actor.runAsSystem("test: the health check", () -> monkey.checkHealth(r.id())));
            assertThat(Actor.runAsSystem("test", () -> monkey.history(service, 5))
                            .getFirst()
                            .incidentKey())
                    .isEqualTo(after.incidentKey());
        } finally {
            sick.stop(0);
        }
    }
}
