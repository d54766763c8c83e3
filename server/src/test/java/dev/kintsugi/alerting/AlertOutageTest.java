package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.support.OwnDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Never lose an alert: the database (a server this test owns: a throwaway PostgreSQL cluster on the suite's
 * PostgreSQL pass, an H2 TCP server otherwise, see {@link OwnDatabase}) goes away, 1,000 events arrive and are each
 * answered 202 from the spool, the database comes back, and every event is applied exactly once, in order. Its own
 * application context (the database is its own); closed afterwards.
 */
@SpringBootTest(
        classes = KintsugiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.validation-timeout=500",
            "spring.datasource.hikari.maximum-pool-size=10"
        })
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertOutageTest {
    private static final int EVENTS = 1000;
    private static final int KEYS = 100;
    private static Path dir;
    private static OwnDatabase db;

    @LocalServerPort
    int port;

    @Autowired
    Integrations integrations;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("kintsugi-outage");
        // PostgreSQL on the suite's PostgreSQL pass (a throwaway cluster this test stops and starts), else H2
        db = OwnDatabase.forThisPass("outage").start();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("kintsugi.alerting.spool-dir", () -> dir.resolve("spool").toString());
    }

    @AfterAll
    static void removeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void eventsAcceptedWhileTheDatabaseIsDownAreAppliedExactlyOnceWhenItIsBack() throws Exception {
        String key = Actor.runAsSystem(
                "test setup",
                () -> tx.execute(s -> {
                    catalog.createTeam(new TeamDraft("outage-team", "Outage", null, null, List.of()));
                    catalog.createService(new ServiceDraft(
                            "outage-svc", "Outage", null, Tier.TIER_2, "outage-team", null, null, null));
                    return integrations
                            .create(new NewIntegration(
                                    "pd",
                                    SourceType.PAGERDUTY,
                                    "outage-svc",
                                    null,
                                    false,
                                    null,
                                    RoutingAction.NOTIFY_ONLY,
                                    null))
                            .key();
                }));

        db.stop(); // the database is gone: every connection to it is closed
        HttpClient http = HttpClient.newHttpClient();
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String body = """
                    {"routing_key":"%s","event_action":"trigger","dedup_key":"k-%d",
                     "payload":{"summary":"Disk %d","source":"db-1","severity":"warning"}}""".formatted(key, i % KEYS, i);
            sends.add(() -> http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/webhooks/pagerduty/v2/enqueue"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        // one after the other, so that the order they were accepted in is known
        for (Callable<Integer> send : sends) {
            assertThat(send.call()).isEqualTo(202);
        }
        assertThat(Files.list(dir.resolve("spool"))
                        .anyMatch(p -> p.getFileName().toString().startsWith("segment-")))
                .isTrue();

        db.start(); // back
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        long processed = -1;
        while (System.nanoTime() < deadline) {
            try {
                processed = jdbc.sql("select count(*) from alerting_processed_event")
                        .query(Long.class)
                        .single();
                if (processed >= EVENTS) {
                    break;
                }
            } catch (RuntimeException e) {
                // the pool is still reconnecting
            }
            Thread.sleep(200);
        }
        assertThat(processed).isEqualTo(EVENTS);
        // the pool is small (10) and its wait short (1 s), and the applied events' listeners use it too: every read
        // below waits for a free connection with a deadline instead of failing on the first busy moment
        assertThat(read(() -> jdbc.sql("select count(*) from alerting_group")
                        .query(Long.class)
                        .single()))
                .isEqualTo(KEYS);
        assertThat(read(() -> jdbc.sql("select sum(repeat_count) from alerting_group")
                        .query(Long.class)
                        .single()))
                .isEqualTo(EVENTS);
        assertThat(read(() -> jdbc.sql("select count(*) from alerting_occurrence")
                        .query(Long.class)
                        .single()))
                .isEqualTo(EVENTS);
        // in the order they were accepted
        List<String> applied = read(() -> jdbc.sql("select summary from alerting_occurrence order by id")
                .query(String.class)
                .list());
        for (int i = 0; i < EVENTS; i++) {
            assertThat(applied.get(i)).isEqualTo("Disk " + i);
        }
        assertThat(read(() -> jdbc.sql("select title from alerting_group where dedup_key = 'k-7'")
                        .query(String.class)
                        .single()))
                .isEqualTo("Disk 7");
    }

    /** One read, retried while the pool has no free connection, for at most 60 s. */
    private static <T> T read(Supplier<T> query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return query.get();
            } catch (CannotGetJdbcConnectionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
