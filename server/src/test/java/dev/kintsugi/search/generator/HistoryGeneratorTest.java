package dev.kintsugi.search.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.support.OwnDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history generator on a database of its own (PostgreSQL on the suite's PostgreSQL pass, H2 otherwise): a
 * small history, then a server on it whose API lists the generated incidents and post-mortems and whose search
 * finds them in both languages; generating more while it runs makes it rebuild its index (the change log's
 * {@code rebuild}), and what the server writes next does not collide with the generated ids.
 */
class HistoryGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @Test
    void aGeneratedHistoryIsSeenByTheApiAndFoundBySearch() throws Exception {
        try (OwnDatabase db = OwnDatabase.forThisPass("generator").start()) {
            HistoryGenerator.Summary first = new HistoryGenerator(options(db, 300, 120, 7)).run();
            assertThat(first.incidents()).isEqualTo(300);
            assertThat(first.postmortems()).isEqualTo(120);
            assertThat(first.countermeasures()).isPositive();
            try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
                    Statement s = c.createStatement()) {
                assertThat(count(s, "select count(*) from incident")).isEqualTo(300);
                assertThat(count(s, "select count(*) from postmortem")).isEqualTo(120);
                // realistic gaps: some incidents without an impact start or a recovery time, some private
                assertThat(count(s, "select count(*) from incident where impact_started_at is null"))
                        .isBetween(1L, 120L);
                assertThat(count(
                                s,
                                "select count(*) from incident where status in ('RESOLVED', 'CLOSED')"
                                        + " and resolved_at is null"))
                        .isPositive();
                assertThat(count(s, "select count(*) from postmortem_countermeasure where status = 'DONE'"))
                        .isPositive();
                assertThat(count(s, "select count(*) from postmortem where title like 'Post-mortem : %'"))
                        .isPositive();
                assertThat(count(s, "select count(*) from postmortem where title like 'Post-mortem: %'"))
                        .isPositive();
                assertThat(count(s, "select last_number from incident_number_counter"))
                        .isEqualTo(300);
            }
            String token = "gen-" + UUID.randomUUID();
            try (ConfigurableApplicationContext server = new SpringApplicationBuilder(KintsugiApplication.class)
                    .profiles("test")
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + db.url(),
                            "--spring.datasource.username=" + db.username(),
                            "--spring.datasource.password=" + db.password(),
                            "--kintsugi.admin-token=" + token,
                            "--kintsugi.search.index-dir=" + Files.createTempDirectory("kintsugi-generator-index"),
                            "--spring.application.name=kintsugi-generator")) {
                String port = server.getEnvironment().getProperty("local.server.port");
                String base = "http://127.0.0.1:" + port;
                assertThat(get(base, "/api/v1/incidents?size=1", token)
                                .get("total")
                                .asLong())
                        .isEqualTo(300);
                // the index was missing: rebuilt at start-up, in the background
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> search(base, "type:postmortem", token) == 120);
                assertThat(search(base, "type:incident", token)).isEqualTo(300);
                assertThat(search(base, "certificat OR certificate OR disque OR disk OR latence OR latency", token))
                        .isPositive();

                // more history while the server runs: the change log tells it to rebuild
                HistoryGenerator.Summary second = new HistoryGenerator(options(db, 50, 60, 8)).run();
                assertThat(second.postmortems()).isEqualTo(60);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> search(base, "type:postmortem", token) == 180);
                assertThat(search(base, "type:incident", token)).isEqualTo(350);

                // the server's own next incident comes after the generated ones
                HttpResponse<String> declared = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"title\":\"Declared after generation\",\"severity\":\"SEV3\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
                assertThat(json.readTree(declared.body()).get("key").asString()).isEqualTo("INC-351");
            }
        }
    }

    private static GeneratorOptions options(OwnDatabase db, int incidents, int postmortems, long seed) {
        return new GeneratorOptions(
                db.url(), db.username(), db.password(), incidents, postmortems, 2, seed, 0.4, NOW, null, null);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long search(String base, String q, String token) throws Exception {
        return get(base, "/api/v1/search?size=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token)
                .get("total")
                .asLong();
    }

    private JsonNode get(String base, String path, String token) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
