package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.VersionedApi;
import dev.kintsugi.support.VersionedApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * No lost updates on incidents, through the real HTTP API: parallel writes of different fields either succeed
 * with their change kept, or are refused (409); a write with a stale {@code If-Match} is refused (412).
 */
class IncidentConcurrencyTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    VersionedApi api;
    String service;

    @BeforeEach
    void setUp() {
        String user = createUser(unique("resp"), Role.RESPONDER, "password-resp-1");
        api = new VersionedApi(
                baseUrl(), tx.execute(s -> tokens.create(user, "test", null).value()));
        String team = unique("team");
        service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team", null, null, List.of()));
            catalog.createService(new ServiceDraft(service, "Svc", null, Tier.TIER_3, team, null, null, null));
        });
    }

    private String declare() {
        Response r =
                api.send("POST", "/api/v1/incidents", Map.of("title", "Concurrent edits", "severity", "SEV4"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.etag()).isEqualTo("\"" + r.json().get("version").asLong() + "\"");
        return r.json().get("key").asString();
    }

    @Test
    void parallelPatchesOfDifferentFieldsLoseNothing() throws Exception {
        String key = declare();
        for (int round = 0; round < 4; round++) {
            String title = "Title " + round;
            String description = "Description " + round;
            String severity = round % 2 == 0 ? "SEV3" : "SEV2";
            List<String> services = round % 2 == 0 ? List.of(service) : List.of();
            List<Map<String, Object>> patches = List.of(
                    Map.of("title", title),
                    Map.of("description", description),
                    Map.of("severity", severity),
                    Map.of("services", services));
            List<Callable<Response>> calls = new ArrayList<>();
            for (Map<String, Object> p : patches) {
                calls.add(() -> api.send("PATCH", "/api/v1/incidents/" + key, p, null));
            }
            List<Response> results = VersionedApi.together(calls);

            JsonNode now =
                    api.send("GET", "/api/v1/incidents/" + key, null, null).json();
            for (int i = 0; i < results.size(); i++) {
                Response r = results.get(i);
                assertThat(r.status()).as(r.toString()).isIn(200, 409);
                if (r.status() == 200) {
                    switch (i) {
                        case 0 -> assertThat(now.get("title").asString()).isEqualTo(title);
                        case 1 -> assertThat(now.get("description").asString()).isEqualTo(description);
                        case 2 -> assertThat(now.get("severity").asString()).isEqualTo(severity);
                        default -> assertThat(now.get("services").size()).isEqualTo(services.size());
                    }
                } else {
                    assertThat(r.json().get("status").asInt()).isEqualTo(409);
                }
            }
        }
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        String key = declare();
        Response read = api.send("GET", "/api/v1/incidents/" + key, null, null);
        String etag = read.etag();
        Response first = api.send("PATCH", "/api/v1/incidents/" + key, Map.of("title", "First"), etag);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.etag()).isNotEqualTo(etag);

        Response stale = api.send("PATCH", "/api/v1/incidents/" + key, Map.of("title", "Second"), etag);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.json().get("field").asString()).isEqualTo("If-Match");
        assertThat(stale.etag()).isEqualTo(first.etag());
        Response transition =
                api.send("POST", "/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"), etag);
        assertThat(transition.status()).isEqualTo(412);

        JsonNode now = api.send("GET", "/api/v1/incidents/" + key, null, null).json();
        assertThat(now.get("title").asString()).isEqualTo("First");
        assertThat(now.get("status").asString()).isEqualTo("INVESTIGATING");

        Response fresh =
                api.send("POST", "/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"), first.etag());
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.json().get("version").asLong())
                .isGreaterThan(now.get("version").asLong());
    }
}
