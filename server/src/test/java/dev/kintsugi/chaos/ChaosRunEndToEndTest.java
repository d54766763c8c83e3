package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.VersionedApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A run end to end through real sockets: a small HTTP service behind an embedded Kintsugi proxy, an experiment
 * whose probe goes through the proxy; the method adds latency, the probe deviates, the rollback removes the toxic,
 * the steady state holds again ("recovered"), and the fault journal says so.
 */
class ChaosRunEndToEndTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Test
    void latencyMakesTheProbeDeviateAndTheRollbackHealsIt() throws Exception {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("checkout-db")) {
            ApiClient.Response created = engineer.post(
                    "/api/v1/experiments",
                    Map.of("definition", f.experiment(unique("latency"), 3000, 0.5), "services", List.of(service)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            assertThat(created.json().path("currentVersion").asInt()).isEqualTo(1);

            ApiClient.Response started = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            long run = started.json().path("id").asLong();

            // the fault is journaled and in place while the run goes on, and the proxy really has it
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(30),
                            () -> faults(engineer, run).stream()
                                    .anyMatch(x -> x.path("status").asString().equals("IN_PLACE"))))
                    .as(() -> engineer.get("/api/v1/chaos/runs/" + run).body()
                            + engineer.get("/api/v1/chaos/runs/" + run + "/activities")
                                    .body()
                            + engineer.get("/api/v1/chaos/runs/" + run + "/faults")
                                    .body())
                    .isTrue();
            JsonNode run1 = waitForEnd(engineer, run);
            // as in Chaos Toolkit, a deviated run ends "failed"
            assertThat(run1.path("status").asString()).as(run1.toString()).isEqualTo("FAILED");
            assertThat(run1.path("deviated").asBoolean())
                    .as("the probe deviated under latency")
                    .isTrue();
            assertThat(run1.path("recovered").asBoolean())
                    .as(() -> "steady state after the rollbacks: "
                            + engineer.get("/api/v1/chaos/runs/" + run + "/activities")
                                    .body())
                    .isTrue();
            assertThat(run1.path("experimentVersion").asInt()).isEqualTo(1);
            assertThat(f.toxics()).as("the rollback removed the toxic").isEmpty();
            assertThat(faults(engineer, run))
                    .singleElement()
                    .satisfies(x -> assertThat(x.path("status").asString()).isEqualTo("REVERTED"));

            JsonNode activities =
                    engineer.get("/api/v1/chaos/runs/" + run + "/activities").json();
            assertThat(activities.valueStream().map(a -> a.path("name").asString()))
                    .contains("service-answers", "add-latency", "remove-latency");
            List<JsonNode> hypothesis = activities
                    .valueStream()
                    .filter(a -> a.path("section").asString().equals("hypothesis"))
                    .toList();
            assertThat(hypothesis)
                    .as("the hypothesis before and after the method")
                    .hasSize(2);
            assertThat(hypothesis.get(0).path("status").asString()).isEqualTo("succeeded");
            assertThat(hypothesis.get(1).path("status").asString())
                    .as("the probe timed out under latency")
                    .isEqualTo("failed");
            ApiClient.Response journal = engineer.get("/api/v1/chaos/runs/" + run + "/journal");
            assertThat(journal.status()).isEqualTo(200);
            assertThat(journal.json().path("status").asString()).isEqualTo("failed");
            assertThat(journal.json().path("deviated").asBoolean()).isTrue();
            assertThat(journal.json().path("rollbacks").size()).isGreaterThanOrEqualTo(1);

            // the service page's card: one run, its probes 2 of 3 (held before, deviated after, recovered)
            String card = dev.kintsugi.support.WebSession.loggedIn(
                            baseUrl(), createUser(unique("v"), Role.VIEWER, "password-v-1234"), "password-v-1234")
                    .get("/cards/service/chaos-runs?subject=" + service)
                    .body();
            assertThat(card).contains("id=\"resilience-score\"").contains("67 %");
        }
    }

    @Test
    void theEngineValidationIsAnsweredPerFieldAndNothingIsStored() {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        int before = engineer.get("/api/v1/experiments").json().size();
        ApiClient.Response r = engineer.post(
                "/api/v1/experiments", Map.of("definition", """
                        {"title": "t", "description": "d",
                         "method": [{"type": "action", "name": "shell", "provider": {"type": "process", "path": "rm"}},
                                    {"type": "probe", "name": "p", "provider": {"type": "nope"}}]}""", "services", List.of(service, "no-such-service")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode errors = r.json().path("errors");
        assertThat(errors.valueStream()
                        .map(e -> e.path("field").asString() + " "
                                + e.path("path").asString()))
                .contains("services ", "definition $.method[0].provider", "definition $.method[1]");
        assertThat(engineer.get("/api/v1/experiments").json().size()).isEqualTo(before);
    }

    @Test
    void eachSaveIsANewVersionAndExportsBack() {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String user = createUser(unique("ce"), Role.CHAOS_ENGINEER, "password-ce-1");
        VersionedApi engineer = new VersionedApi(
                baseUrl(), tx.execute(s -> tokens.create(user, "test", null).value()));
        String yaml = """
                title: versions
                description: first
                method:
                  - type: probe
                    name: connect
                    provider: {type: kintsugi, func: tcp_connect, arguments: {host: 127.0.0.1, port: 1}}
                """;
        VersionedApi.Response created = engineer.send(
                "POST", "/api/v1/experiments", Map.of("definition", yaml, "services", List.of(service)), null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        long version = created.json().path("version").asLong();
        VersionedApi.Response stale = engineer.send(
                "PATCH",
                "/api/v1/experiments/" + id,
                Map.of("definition", yaml.replace("first", "x")),
                "\"" + (version + 5) + "\"");
        assertThat(stale.status()).isEqualTo(412);
        VersionedApi.Response updated = engineer.send(
                "PATCH",
                "/api/v1/experiments/" + id,
                Map.of("definition", yaml.replace("first", "second")),
                "\"" + version + "\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("currentVersion").asInt()).isEqualTo(2);
        assertThat(engineer.send("GET", "/api/v1/experiments/" + id + "/versions", null, null)
                        .json()
                        .size())
                .isEqualTo(2);
        VersionedApi.Response exported =
                engineer.send("GET", "/api/v1/experiments/" + id + "/export?version=1", null, null);
        assertThat(exported.json().path("description").asString()).isEqualTo("first");
        assertThat(engineer.send("GET", "/api/v1/experiments/" + id + "/export?format=yaml", null, null)
                        .body())
                .contains("description: \"second\"");
    }

    static List<JsonNode> faults(ApiClient api, long run) {
        return api.get("/api/v1/chaos/runs/" + run + "/faults")
                .json()
                .valueStream()
                .toList();
    }

    static JsonNode waitForEnd(ApiClient api, long run) throws InterruptedException {
        assertThat(ChaosFixture.poll(
                        Duration.ofSeconds(60),
                        () -> !api.get("/api/v1/chaos/runs/" + run)
                                .json()
                                .path("status")
                                .asString()
                                .equals("RUNNING")))
                .as("run " + run + " ends")
                .isTrue();
        return api.get("/api/v1/chaos/runs/" + run).json();
    }
}
