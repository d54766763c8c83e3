package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.chaos.monkey.MonkeyPlanner;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.Instances;
import dev.kintsugi.support.OwnDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two whole servers on one database ({@link OwnDatabase}: a throwaway PostgreSQL cluster on the suite's PostgreSQL
 * pass, H2 in server mode otherwise), both with their planner (every 2 s) and db-scheduler running, and one service
 * opted in, armed, to take a real proxy down ({@code PROXY_DOWN}). The day is planned once and the planned
 * termination carried out once, by whichever instance gets there first: one record, one disable reaching the
 * proxy's admin API (counted by a relay in front of it), the proxy down.
 *
 * <p>No clock is stepped: the service's zone is the offset where it is about noon now (so the working window never
 * crosses midnight), its window runs from ten minutes ago to twenty minutes ahead, and its seed is the first one
 * whose draw (the planner's own pure function) falls between three minutes and thirty seconds ago: the termination
 * is due at once, inside the grace of a planned minute already past.
 */
class MonkeyTwoInstancesTest {
    private static final String ENGINEER = "ce-monkey-two";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** The proxy's admin API behind a relay that counts the disables reaching it. */
    static final class CountingAdmin implements AutoCloseable {
        private static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final HttpServer server;
        final AtomicInteger disables = new AtomicInteger();

        CountingAdmin(String upstream) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 20);
            server.createContext("/", x -> {
                byte[] body = x.getRequestBody().readAllBytes();
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                if (x.getRequestMethod().equals("POST")
                        && x.getRequestURI().getPath().startsWith("/proxies/")
                        && text.replace(" ", "").contains("\"enabled\":false")) {
                    disables.incrementAndGet();
                }
                try {
                    HttpResponse<byte[]> r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(upstream + x.getRequestURI()))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .method(x.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                    x.getResponseBody().write(r.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    x.sendResponseHeaders(502, -1);
                } finally {
                    x.close();
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void twoInstancesOnOneDatabaseTerminateOnce() throws Exception {
        OwnDatabase db = OwnDatabase.forThisPass("monkey_two").start();
        try (ChaosFixture f = new ChaosFixture("two-db");
                CountingAdmin admin = new CountingAdmin(f.api);
                Instances instances = new Instances(db)) {
            ConfigurableApplicationContext a =
                    instances.start("kintsugi-monkey-a", "--kintsugi.chaos.monkey.plan-every=2s");
            ConfigurableApplicationContext b =
                    instances.start("kintsugi-monkey-b", "--kintsugi.chaos.monkey.plan-every=2s");
            String expected =
                    System.getenv().getOrDefault("KINTSUGI_TEST_DB_URL", "").startsWith("jdbc:postgresql:")
                            ? "PostgreSQL"
                            : "H2";
            try (var c = a.getBean(javax.sql.DataSource.class).getConnection()) {
                assertThat(c.getMetaData().getDatabaseProductName())
                        .as("the database of this pass")
                        .isEqualTo(expected);
            }
            TransactionTemplate tx = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
            Actor.runAsSystem(
                    "monkey two-instance test setup",
                    () -> tx.executeWithoutResult(s -> {
                        a.getBean(UserManagement.class)
                                .create(new UserManagement.NewUser(
                                        ENGINEER,
                                        ENGINEER,
                                        ENGINEER + "@example.test",
                                        Role.CHAOS_ENGINEER,
                                        "password-monkey-two"));
                        ChaosFixture.service(a.getBean(CatalogManagement.class), "monkey-two");
                    }));
            ChaosMonkey monkey = a.getBean(ChaosMonkey.class);
            Actor.runAs(
                    ENGINEER,
                    Role.CHAOS_ENGINEER,
                    () -> a.getBean(ChaosTargets.class)
                            .addTarget(
                                    "monkey-two",
                                    new TargetDraft(
                                            TargetKind.PROXY, "proxy", admin.url(), List.of(f.proxyName), null, null)));
            long serviceId = monkey.settings("monkey-two").serviceId();

            Instant now = Instant.now();
            ZoneOffset zone =
                    ZoneOffset.ofHours(12 - now.atOffset(ZoneOffset.UTC).getHour());
            LocalDateTime local = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES);
            MonkeySettings.Builder wanted = new MonkeySettings.Builder(MonkeySettings.defaults(serviceId));
            wanted.enabled = true;
            wanted.leashed = false;
            wanted.meanTimeBetweenKillsInWorkDays = 1;
            wanted.minTimeBetweenKillsInWorkDays = 0;
            wanted.grouping = MonkeyGroups.Grouping.APP;
            wanted.termination = MonkeyTermination.PROXY_DOWN;
            wanted.target = "proxy";
            wanted.durationMinutes = 1;
            wanted.zone = zone.getId();
            wanted.workDays = List.copyOf(EnumSet.allOf(DayOfWeek.class));
            wanted.dayStart = local.toLocalTime().minusMinutes(10);
            wanted.dayEnd = local.toLocalTime().plusMinutes(20);
            wanted.unhealthyAfterMinutes = 0;
            wanted.seed = dueNowSeed(wanted, local.toLocalDate(), now);
            MonkeySettings settings = wanted.build();
            Actor.runAs(ENGINEER, Role.CHAOS_ENGINEER, () -> monkey.configure("monkey-two", settings, null));

            assertThat(ChaosFixture.poll(
                            PATIENCE,
                            () -> !Actor.runAsSystem("test", () -> monkey.history("monkey-two", 10))
                                    .isEmpty()))
                    .as("one of the two instances planned the day and carried the termination out")
                    .isTrue();
            MonkeyRecord r = Actor.runAsSystem("test", () -> monkey.history("monkey-two", 10))
                    .getFirst();
            assertThat(r.outcome()).as(r.toString()).isEqualTo("TERMINATED");
            assertThat(r.target()).isEqualTo("proxy two-db at " + admin.url());
            assertThat(f.proxyEnabled()).as("the real proxy is down").isFalse();

            // then both planners go on (every 2 s) and both schedulers poll: wait until the planner has run again
            // well after the termination and no termination task is left, then count
            JdbcClient jdbc = JdbcClient.create(a.getBean(javax.sql.DataSource.class));
            Instant recorded = r.occurredAt();
            assertThat(ChaosFixture.poll(
                            PATIENCE,
                            () -> jdbc.sql("select count(*) from scheduled_tasks where task_name = ?")
                                                    .param(MonkeyJobs.TERMINATION)
                                                    .query(Long.class)
                                                    .single()
                                            == 0
                                    && jdbc.sql("select count(*) from scheduled_tasks where task_name ="
                                                            + " 'chaos-monkey-planner' and last_success > ?")
                                                    .param(java.sql.Timestamp.from(recorded.plusSeconds(6)))
                                                    .query(Long.class)
                                                    .single()
                                            == 1))
                    .as("the termination task done and the planner run again since")
                    .isTrue();
            assertThat(Actor.runAsSystem("test", () -> monkey.history("monkey-two", 10)))
                    .as("one record")
                    .hasSize(1);
            assertThat(Actor.runAsSystem(
                            "test", () -> b.getBean(ChaosMonkey.class).today("monkey-two")))
                    .as("the day planned once, as the other instance reads it")
                    .singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo("DONE"));
            assertThat(admin.disables.get()).as("one disable reached the proxy").isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from platform_audit_entry where action = 'chaos.monkey.terminated'"
                                    + " and target_id = ?")
                            .param(Long.toString(serviceId))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
        } finally {
            db.close();
        }
    }

    /** The first seed whose draw for the service's one group, today, is between three minutes and 30 s ago. */
    private static long dueNowSeed(MonkeySettings.Builder s, LocalDate day, Instant now) {
        MonkeySettings settings = s.build();
        for (long seed = 1; seed < 100_000; seed++) {
            List<MonkeyPlanner.Planned> plan =
                    MonkeyPlanning.draw(settings, day, Map.of(), MonkeyPlanner.seeded(seed, settings.serviceId(), day));
            Instant at = plan.getFirst().at();
            if (!at.isBefore(now.minus(Duration.ofMinutes(3))) && at.isBefore(now.minusSeconds(30))) {
                return seed;
            }
        }
        throw new IllegalStateException("no seed draws a minute in the last three minutes");
    }
}
