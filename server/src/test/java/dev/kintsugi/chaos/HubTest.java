package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The hub as a catalog through real HTTP: built-ins with typed parameters (scale to zero among them), a team's
 * templates (versioned, audited, bad input refused with the field), instantiation against a service's targets with
 * the template's weight, "save as template" from an experiment, and a run of an instantiated template through a
 * real proxy.
 */
class HubTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBuiltInsNameTheirFaultParametersAndWeight() {
        ApiClient viewer = apiAs(Role.VIEWER);
        JsonNode all = viewer.get("/api/v1/chaos/hub").json();
        assertThat(all.valueStream()
                        .filter(t -> t.path("builtIn").asBoolean())
                        .map(t -> t.path("id").asString()))
                .containsExactly(
                        "dependency-latency",
                        "dependency-down",
                        "connection-reset",
                        "bandwidth-starvation",
                        "slow-close",
                        "http-503-storm",
                        "pod-kill",
                        "scale-to-zero");
        ApiClient.Response scale = viewer.get("/api/v1/chaos/hub/scale-to-zero");
        assertThat(scale.status()).isEqualTo(200);
        assertThat(scale.json().path("name").asString()).isEqualTo("Scale to zero");
        assertThat(scale.json().path("fault").asString()).isEqualTo("scale_to_zero");
        assertThat(scale.json().path("weight").asInt()).isEqualTo(10);
        JsonNode latency = viewer.get("/api/v1/chaos/hub/dependency-latency").json();
        assertThat(latency.path("parameters").get(0).path("name").asString()).isEqualTo("latency");
        assertThat(latency.path("parameters").get(0).path("defaultValue").asInt())
                .isEqualTo(1000);
        assertThat(latency.path("parameters").get(0).path("max").asInt()).isEqualTo(60_000);
        assertThat(viewer.withHeader("Accept-Language", "fr")
                        .get("/api/v1/chaos/hub/scale-to-zero")
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Réduction à zéro");
        assertThat(viewer.get("/api/v1/chaos/hub/nope").status()).isEqualTo(404);
        assertThat(viewer.post("/api/v1/chaos/hub", Map.of("team", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void aTeamWritesItsOwnTemplatesVersionedAndChecked() {
        String service = unique("hubshop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String team = service + "-team";
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);

        ApiClient.Response noTeam =
                engineer.post("/api/v1/chaos/hub", Map.of("name", "x", "hypothesis", "h", "fault", "latency"));
        assertThat(noTeam.status()).isEqualTo(400);
        assertThat(noTeam.json().path("field").asString()).isEqualTo("team");
        ApiClient.Response outOfBounds = engineer.post(
                "/api/v1/chaos/hub",
                Map.of(
                        "team", team,
                        "name", "Slow DB",
                        "hypothesis", "h",
                        "fault", "latency",
                        "parameters", Map.of("latency", 70_000)));
        assertThat(outOfBounds.status()).isEqualTo(400);
        assertThat(outOfBounds.json().path("field").asString()).isEqualTo("parameters.latency");
        ApiClient.Response unknown = engineer.post(
                "/api/v1/chaos/hub",
                Map.of(
                        "team", team,
                        "name", "Slow DB",
                        "hypothesis", "h",
                        "fault", "down",
                        "parameters", Map.of("latency", 10)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asString()).isEqualTo("parameters.latency");
        long before = jdbc.sql("select count(*) from chaos_hub_template")
                .query(Long.class)
                .single();

        ApiClient.Response created = engineer.post(
                "/api/v1/chaos/hub",
                Map.of(
                        "team", team,
                        "name", "Slow ledger",
                        "description", "The ledger answers in two seconds.",
                        "hypothesis", "Checkout times out and queues the payment.",
                        "fault", "latency",
                        "parameters", Map.of("latency", 2000),
                        "weight", 7));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(id).startsWith("team-");
        assertThat(created.json().path("teamName").asString()).isEqualTo(team);
        assertThat(created.json().path("parameters").get(0).path("defaultValue").asInt())
                .isEqualTo(2000);
        assertThat(created.json().path("parameters").get(1).path("defaultValue").asInt())
                .as("duration: the fault's default")
                .isEqualTo(30);
        assertThat(jdbc.sql("select count(*) from chaos_hub_template")
                        .query(Long.class)
                        .single())
                .isEqualTo(before + 1);
        assertThat(jdbc.sql(
                                "select count(*) from platform_audit_entry where action = 'chaos.hub.template.created' and target_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Map<String, Object> edit = Map.of(
                "team",
                team,
                "name",
                "Slow ledger",
                "hypothesis",
                "Checkout times out and queues the payment.",
                "fault",
                "latency",
                "parameters",
                Map.of("latency", 3000),
                "weight",
                7);
        ApiClient.Response stale = engineer.withHeader("If-Match", "\"7\"").put("/api/v1/chaos/hub/" + id, edit);
        assertThat(stale.status()).isEqualTo(412);
        ApiClient.Response updated = engineer.withHeader("If-Match", "\"0\"").put("/api/v1/chaos/hub/" + id, edit);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(1);
        ApiClient.Response builtIn = engineer.put("/api/v1/chaos/hub/dependency-latency", edit);
        assertThat(builtIn.status()).isEqualTo(409);

        String viewerName = unique("hubviewer");
        createUser(viewerName, Role.VIEWER, "password-" + viewerName);
        String page = WebSession.loggedIn(baseUrl(), viewerName, "password-" + viewerName)
                .get("/chaos/hub")
                .body();
        assertThat(page)
                .contains("data-template=\"" + id + "\"")
                .contains("Slow ledger")
                .contains(team);

        assertThat(engineer.withHeader("If-Match", "\"0\"")
                        .delete("/api/v1/chaos/hub/" + id)
                        .status())
                .isEqualTo(412);
        assertThat(engineer.withHeader("If-Match", "\"1\"")
                        .delete("/api/v1/chaos/hub/" + id)
                        .status())
                .isEqualTo(204);
        assertThat(engineer.get("/api/v1/chaos/hub/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTemplateBecomesAnExperimentOfAServiceRunsAndIsSavedBackAsATemplate() throws Exception {
        String service = unique("hubrun");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("ledger")) {
            ApiClient.Response proxyTarget = engineer.post(
                    "/api/v1/services/" + service + "/chaos-targets",
                    Map.of("kind", "PROXY", "name", "ledger-proxy", "url", f.api, "proxies", List.of("ledger")));
            assertThat(proxyTarget.status()).as(proxyTarget.body()).isEqualTo(201);
            ApiClient.Response http = engineer.post(
                    "/api/v1/services/" + service + "/chaos-targets",
                    Map.of("kind", "HTTP", "name", "through-proxy", "url", "http://127.0.0.1:" + f.listenPort));
            assertThat(http.status()).as(http.body()).isEqualTo(201);

            ApiClient.Response noProxy =
                    engineer.post("/api/v1/chaos/hub/dependency-latency/instantiate", Map.of("service", service));
            assertThat(noProxy.status()).isEqualTo(400);
            assertThat(noProxy.json().path("field").asString()).isEqualTo("proxyApiUrl");
            assertThat(engineer.post(
                                    "/api/v1/chaos/hub/dependency-latency/instantiate",
                                    Map.of("service", "no-such-service"))
                            .json()
                            .path("field")
                            .asString())
                    .isEqualTo("service");

            ApiClient.Response made = engineer.post(
                    "/api/v1/chaos/hub/dependency-latency/instantiate",
                    Map.of(
                            "service",
                            service,
                            "targetId",
                            proxyTarget.json().path("id").asLong(),
                            "parameters",
                            Map.of("latency", 50, "duration", 1)));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            long experiment = made.json().path("id").asLong();
            JsonNode definition = made.json().path("definition");
            assertThat(definition.path("title").asString()).isEqualTo("Dependency latency · " + service);
            JsonNode inject = definition.path("method").get(0);
            assertThat(inject.path("provider")
                            .path("arguments")
                            .path("attributes")
                            .path("latency")
                            .asInt())
                    .isEqualTo(50);
            assertThat(inject.path("provider").path("arguments").path("proxy").asString())
                    .isEqualTo("ledger");
            assertThat(inject.path("pauses").path("after").asInt()).isEqualTo(1);
            assertThat(definition
                            .path("steady-state-hypothesis")
                            .path("probes")
                            .get(0)
                            .path("provider")
                            .path("url")
                            .asString())
                    .as("the HTTP target with the template's probe path")
                    .isEqualTo("http://127.0.0.1:" + f.listenPort + "/health");
            assertThat(engineer.get("/api/v1/experiments/" + experiment)
                            .json()
                            .path("services")
                            .get(0)
                            .asString())
                    .isEqualTo(service);
            assertThat(jdbc.sql("select weight from chaos_experiment where id = ?")
                            .param(experiment)
                            .query(Integer.class)
                            .single())
                    .as("the template's weight")
                    .isEqualTo(5);

            ApiClient.Response started = engineer.post("/api/v1/experiments/" + experiment + "/runs", Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            JsonNode run = ChaosRunEndToEndTest.waitForEnd(
                    engineer, started.json().path("id").asLong());
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(f.toxics()).as("the rollback removed the toxic").isEmpty();

            ApiClient.Response saved = engineer.post(
                    "/api/v1/chaos/hub", Map.of("team", service + "-team", "fromExperiment", experiment, "weight", 4));
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            assertThat(saved.json().path("fault").asString()).isEqualTo("latency");
            assertThat(saved.json().path("name").asString()).isEqualTo("Dependency latency · " + service);
            assertThat(saved.json()
                            .path("parameters")
                            .get(0)
                            .path("defaultValue")
                            .asInt())
                    .isEqualTo(50);
            assertThat(saved.json()
                            .path("parameters")
                            .get(1)
                            .path("defaultValue")
                            .asInt())
                    .isEqualTo(1);
            // a team's own text (here the English of the instantiation) stays out of the other pages' sweeps
            assertThat(engineer.withHeader("If-Match", "\"0\"")
                            .delete("/api/v1/chaos/hub/"
                                    + saved.json().path("id").asString())
                            .status())
                    .isEqualTo(204);
        }
    }

    @Test
    void scaleToZeroScalesTheDeploymentAndLeavesTheReplicaCountToTheEngine() {
        String service = unique("hubk8s");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        ApiClient.Response noDeployment = engineer.post(
                "/api/v1/chaos/hub/scale-to-zero/instantiate",
                Map.of("service", service, "probeUrl", "http://127.0.0.1:9/health"));
        assertThat(noDeployment.status()).isEqualTo(400);
        assertThat(noDeployment.json().path("field").asString()).isEqualTo("deployment");
        ApiClient.Response made = engineer.post(
                "/api/v1/chaos/hub/scale-to-zero/instantiate",
                Map.of(
                        "service", service,
                        "deployment", "checkout",
                        "namespace", "shop",
                        "probeUrl", "http://127.0.0.1:9/health"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonNode scale = made.json().path("definition").path("method").get(0).path("provider");
        assertThat(scale.path("module").asString()).isEqualTo("chaosk8s.deployment.actions");
        assertThat(scale.path("func").asString()).isEqualTo("scale_deployment");
        assertThat(scale.path("arguments").path("replicas").asInt()).isZero();
        assertThat(scale.path("arguments").path("ns").asString()).isEqualTo("shop");
        assertThat(made.json().path("definition").path("rollbacks").size())
                .as("the engine scales back to the count it recorded before (its leftover revert)")
                .isZero();
    }

    @Test
    void theHubPagesInstantiateInAFewClicks() throws Exception {
        String service = unique("hubpage");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String name = unique("hubeng");
        createUser(name, Role.CHAOS_ENGINEER, "password-" + name);
        WebSession engineer = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        try (ChaosFixture f = new ChaosFixture("cart")) {
            long target = apiAs(Role.CHAOS_ENGINEER)
                    .post(
                            "/api/v1/services/" + service + "/chaos-targets",
                            Map.of("kind", "PROXY", "name", "cart-proxy", "url", f.api, "proxies", List.of("cart")))
                    .json()
                    .path("id")
                    .asLong();
            String page =
                    engineer.get("/chaos/hub/http-503-storm?service=" + service).body();
            assertThat(page)
                    .contains("id=\"hub-parameters\"")
                    .contains("data-parameter=\"status_code\"")
                    .contains("cart-proxy");
            WebSession.Page refused = engineer.post(
                    "/chaos/hub/http-503-storm/instantiate",
                    Map.of("service", service, "targetId", Long.toString(target), "p.status_code", "700"));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"hub-error\"").contains("parameters.status_code");
            WebSession.Page made = engineer.post(
                    "/chaos/hub/http-503-storm/instantiate",
                    Map.of(
                            "service",
                            service,
                            "targetId",
                            Long.toString(target),
                            "probeUrl",
                            "http://127.0.0.1:" + f.listenPort + "/",
                            "p.status_code",
                            "502"));
            assertThat(made.status()).as(made.body()).isEqualTo(302);
            String experiment =
                    engineer.get(made.location().replace(baseUrl(), "")).body();
            assertThat(experiment).contains("http_error").contains("502").contains("id=\"save-as-template\"");
        }
    }
}
