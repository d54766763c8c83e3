package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.VersionedApi;
import dev.kintsugi.support.VersionedApi.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * No lost updates on services and teams, through the real HTTP API: every PATCH answered 200 has its change in the
 * result; the others were refused (409) and changed nothing; a stale {@code If-Match} is refused with 412.
 */
class CatalogConcurrencyTest extends IntegrationTest {
    VersionedApi api;
    String team;
    String service;

    @BeforeEach
    void setUp() {
        String user = createUser(unique("resp"), Role.RESPONDER, "password-resp-1");
        api = new VersionedApi(
                baseUrl(), tx.execute(s -> tokens.create(user, "test", null).value()));
        team = unique("team");
        service = unique("svc");
        assertThat(api.send("POST", "/api/v1/teams", Map.of("name", team, "displayName", "Team"), null)
                        .status())
                .isEqualTo(201);
        Response created = api.send(
                "POST", "/api/v1/services", Map.of("name", service, "tier", "TIER_3", "ownerTeam", team), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.etag()).isEqualTo("\"0\"");
    }

    private static void assertKept(List<Map<String, Object>> patches, List<Response> results, JsonNode now) {
        for (int i = 0; i < results.size(); i++) {
            Response r = results.get(i);
            assertThat(r.status()).as(r.toString()).isIn(200, 409);
            if (r.status() == 200) {
                patches.get(i)
                        .forEach((field, value) ->
                                assertThat(now.get(field).asString()).as(field).isEqualTo(value));
            }
        }
    }

    @Test
    void parallelServicePatchesLoseNothing() throws Exception {
        String path = "/api/v1/services/" + service;
        for (int round = 0; round < 4; round++) {
            List<Map<String, Object>> patches = List.of(
                    Map.of("displayName", "Display " + round),
                    Map.of("description", "About " + round),
                    Map.of("tier", round % 2 == 0 ? "TIER_1" : "TIER_2"),
                    Map.of("runbookUrl", "https://runbooks.example/" + round),
                    Map.of("dashboardUrl", "https://grafana.example/" + round),
                    Map.of("repositoryUrl", "https://git.example/" + round));
            List<Callable<Response>> calls = new ArrayList<>();
            patches.forEach(p -> calls.add(() -> api.send("PATCH", path, p, null)));
            List<Response> results = VersionedApi.together(calls);
            assertKept(patches, results, api.send("GET", path, null, null).json());
        }
    }

    @Test
    void parallelTeamPatchesLoseNothing() throws Exception {
        String path = "/api/v1/teams/" + team;
        for (int round = 0; round < 4; round++) {
            List<Map<String, Object>> patches = List.of(
                    Map.of("displayName", "Display " + round),
                    Map.of("description", "About " + round),
                    Map.of("contactChannel", "#team-" + round));
            List<Callable<Response>> calls = new ArrayList<>();
            patches.forEach(p -> calls.add(() -> api.send("PATCH", path, p, null)));
            List<Response> results = VersionedApi.together(calls);
            assertKept(patches, results, api.send("GET", path, null, null).json());
        }
    }

    @Test
    void aStaleIfMatchIsRefused() {
        for (String path : List.of("/api/v1/services/" + service, "/api/v1/teams/" + team)) {
            Response read = api.send("GET", path, null, null);
            assertThat(read.etag()).isEqualTo("\"" + read.json().get("version").asLong() + "\"");
            Map<String, Object> first = new LinkedHashMap<>(Map.of("displayName", "First"));
            Response ok = api.send("PATCH", path, first, read.etag());
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

            Response stale = api.send("PATCH", path, Map.of("displayName", "Second"), read.etag());
            assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
            assertThat(stale.json().get("currentVersion").asLong())
                    .isEqualTo(ok.json().get("version").asLong());
            assertThat(api.send("GET", path, null, null)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("First");
        }
    }

    @Test
    void aStaleDeleteIsRefusedAndDeletesNothing() {
        String admin = createUser(unique("admin"), Role.ADMIN, "password-admin-1");
        VersionedApi asAdmin = new VersionedApi(
                baseUrl(), tx.execute(s -> tokens.create(admin, "test", null).value()));
        String path = "/api/v1/services/" + service;
        String etag = asAdmin.send("GET", path, null, null).etag();
        assertThat(api.send("PATCH", path, Map.of("description", "changed"), etag)
                        .status())
                .isEqualTo(200);

        Response stale = asAdmin.send("DELETE", path, null, etag);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(asAdmin.send("GET", path, null, null).status()).isEqualTo(200);

        Response fresh = asAdmin.send(
                "DELETE", path, null, asAdmin.send("GET", path, null, null).etag());
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(204);
        assertThat(asAdmin.send("GET", path, null, null).status()).isEqualTo(404);
    }
}
