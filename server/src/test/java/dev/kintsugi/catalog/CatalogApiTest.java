package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog REST API through real HTTP: happy paths, refusals, and that a refused request changes nothing. */
class CatalogApiTest extends IntegrationTest {
    private ApiClient responder;
    private ApiClient admin;

    @BeforeEach
    void clients() {
        responder = apiAs(Role.RESPONDER);
        admin = apiAs(Role.ADMIN);
    }

    // ---- teams ----

    @Test
    void createsReadsUpdatesAndDeletesATeam() {
        String member = createUser(unique("member"), Role.VIEWER, "password-long-enough");
        String name = unique("team");

        var created = responder.post(
                "/api/v1/teams",
                Map.of(
                        "name",
                        name,
                        "displayName",
                        "Payments squad",
                        "contactChannel",
                        "#payments",
                        "members",
                        List.of(member)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo(name);
        assertThat(created.json().get("members").get(0).asString()).isEqualTo(member);
        assertThat(created.json().has("id")).as("internal ids stay internal").isFalse();

        var read = responder.get("/api/v1/teams/" + name);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("displayName").asString()).isEqualTo("Payments squad");
        assertThat(read.json().get("contactChannel").asString()).isEqualTo("#payments");

        assertThat(names(responder.get("/api/v1/teams").json())).contains(name);

        var updated = responder.patch(
                "/api/v1/teams/" + name, Map.of("displayName", "Payments", "members", List.of(), "contactChannel", ""));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("displayName").asString()).isEqualTo("Payments");
        assertThat(updated.json().get("members")).isEmpty();
        assertThat(updated.json().has("contactChannel")).as("cleared").isFalse();

        assertThat(admin.delete("/api/v1/teams/" + name).status()).isEqualTo(204);
        assertThat(responder.get("/api/v1/teams/" + name).status()).isEqualTo(404);
        assertThat(names(responder.get("/api/v1/teams").json())).doesNotContain(name);
    }

    @Test
    void createAnswersTheLocationOfTheNewTeam() throws Exception {
        String name = unique("team");
        String token = tx.execute(
                s -> tokens.create(createUser(unique("resp"), Role.RESPONDER, "password-long-enough"), "t", null)
                        .value());
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/teams"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        ApiClient.JSON.writeValueAsString(Map.of("name", name, "displayName", "T"))))
                .build();
        HttpResponse<String> created;
        try (var http = HttpClient.newHttpClient()) {
            created = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/teams/" + name);
        assertThat(responder
                        .get(URI.create(location).getPath())
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(name);
    }

    @Test
    void aDuplicateTeamNameIsAConflict() {
        String name = team();
        var r = responder.post("/api/v1/teams", Map.of("name", name, "displayName", "Other"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("already exists");
        assertThat(responder
                        .get("/api/v1/teams/" + name)
                        .json()
                        .get("displayName")
                        .asString())
                .isEqualTo("Team " + name);
    }

    @Test
    void theNameOfADeletedTeamStaysReserved() {
        String name = team();
        assertThat(admin.delete("/api/v1/teams/" + name).status()).isEqualTo(204);

        var r = responder.post("/api/v1/teams", Map.of("name", name, "displayName", "Again"));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("existed and was deleted; choose another name");
        assertThat(responder.get("/api/v1/teams/" + name).status()).isEqualTo(404);

        String other = team();
        var rename = responder.patch("/api/v1/teams/" + other, Map.of("name", name));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(409);
        assertThat(responder.get("/api/v1/teams/" + other).status()).isEqualTo(200);
    }

    @Test
    void anUnknownMemberIsRefusedAndNothingIsWritten() {
        String name = unique("team");
        var r = responder.post(
                "/api/v1/teams", Map.of("name", name, "displayName", "T", "members", List.of("nobody-" + name)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("members");
        assertThat(responder.get("/api/v1/teams/" + name).status()).isEqualTo(404);

        String existing = team();
        var patch = responder.patch("/api/v1/teams/" + existing, Map.of("members", List.of("nobody-" + name)));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().get("field").asString()).isEqualTo("members");
        assertThat(responder.get("/api/v1/teams/" + existing).json().get("members"))
                .isEmpty();
    }

    @Test
    void aReservedTeamNameIsRefusedOnTheField() {
        // The other input checks of the boundary are in CatalogApiValidationTest (a web slice).
        var reserved = responder.post("/api/v1/teams", Map.of("name", "new", "displayName", "T"));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().get("field").asString()).isEqualTo("name");
    }

    @Test
    void aTeamThatOwnsServicesCannotBeDeleted() {
        String team = team();
        String service = service(team);

        var r = admin.delete("/api/v1/teams/" + team);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("services").get(0).asString()).isEqualTo(service);
        assertThat(responder.get("/api/v1/teams/" + team).status()).isEqualTo(200);
        assertThat(responder
                        .get("/api/v1/teams/" + team)
                        .json()
                        .get("services")
                        .get(0)
                        .asString())
                .isEqualTo(service);

        assertThat(admin.delete("/api/v1/services/" + service).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/teams/" + team).status()).isEqualTo(204);
    }

    @Test
    void unknownThingsAreNotFound() {
        assertThat(responder.get("/api/v1/teams/" + unique("nope")).status()).isEqualTo(404);
        assertThat(responder
                        .patch("/api/v1/teams/" + unique("nope"), Map.of("displayName", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/v1/teams/" + unique("nope")).status()).isEqualTo(404);
        assertThat(responder.get("/api/v1/services/" + unique("nope")).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/services/" + unique("nope")).status()).isEqualTo(404);
    }

    // ---- services ----

    @Test
    void createsReadsUpdatesAndDeletesAService() {
        String team = team();
        String other = team();
        String name = unique("svc");
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("displayName", "Checkout API");
        body.put("description", "Takes **money**");
        body.put("tier", "TIER_1");
        body.put("ownerTeam", team);
        body.put("runbookUrl", "https://runbooks.example.test/checkout");
        var created = responder.post("/api/v1/services", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.get("tier").asString()).isEqualTo("TIER_1");
        assertThat(json.get("ownerTeam").asString()).isEqualTo(team);
        assertThat(json.get("runbookUrl").asString()).isEqualTo("https://runbooks.example.test/checkout");
        assertThat(json.has("ownerTeamId")).isFalse();

        var read = responder.get("/api/v1/services/" + name);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("description").asString()).isEqualTo("Takes **money**");

        var updated = responder.patch(
                "/api/v1/services/" + name, Map.of("tier", "TIER_3", "ownerTeam", other, "runbookUrl", ""));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("tier").asString()).isEqualTo("TIER_3");
        assertThat(updated.json().get("ownerTeam").asString()).isEqualTo(other);
        assertThat(updated.json().has("runbookUrl")).isFalse();
        assertThat(updated.json().get("displayName").asString()).as("untouched").isEqualTo("Checkout API");

        assertThat(admin.delete("/api/v1/services/" + name).status()).isEqualTo(204);
        assertThat(responder.get("/api/v1/services/" + name).status()).isEqualTo(404);
    }

    @Test
    void listsServicesFilteredByTeamTierAndText() {
        String team = team();
        String a = service(team, "TIER_1");
        String b = service(team, "TIER_2");
        String elsewhere = service(team(), "TIER_1");

        assertThat(names(responder.get("/api/v1/services?team=" + team).json())).containsExactlyInAnyOrder(a, b);
        assertThat(names(responder
                        .get("/api/v1/services?team=" + team + "&tier=TIER_2")
                        .json()))
                .containsExactly(b);
        assertThat(names(responder
                        .get("/api/v1/services?q=" + elsewhere.toUpperCase())
                        .json()))
                .containsExactly(elsewhere);
        assertThat(names(responder.get("/api/v1/services").json())).contains(a, b, elsewhere);

        var badTier = responder.get("/api/v1/services?tier=TIER_9");
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badTier.json().get("field").asString()).isEqualTo("tier");
    }

    @Test
    void aDuplicateServiceNameIsAConflictAlsoWhenDeleted() {
        String team = team();
        String name = service(team);
        var dup = responder.post("/api/v1/services", serviceBody(name, team));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("detail").asString()).contains("already exists");

        assertThat(admin.delete("/api/v1/services/" + name).status()).isEqualTo(204);
        var again = responder.post("/api/v1/services", serviceBody(name, team));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("existed and was deleted; choose another name");
        assertThat(responder.get("/api/v1/services/" + name).status()).isEqualTo(404);
        assertThat(names(responder.get("/api/v1/services?team=" + team).json())).isEmpty();
    }

    @Test
    void anUnknownOwnerTeamIsRefusedOnTheField() {
        String name = unique("svc");
        var r = responder.post("/api/v1/services", serviceBody(name, unique("no-team")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("ownerTeam");
        assertThat(responder.get("/api/v1/services/" + name).status()).isEqualTo(404);

        String team = team();
        String existing = service(team);
        var patch = responder.patch("/api/v1/services/" + existing, Map.of("ownerTeam", unique("no-team")));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().get("field").asString()).isEqualTo("ownerTeam");
        assertThat(responder
                        .get("/api/v1/services/" + existing)
                        .json()
                        .get("ownerTeam")
                        .asString())
                .isEqualTo(team);
    }

    @Test
    void aRefusedServiceChangeLeavesItAsItWas() {
        String team = team();
        String a = service(team);
        String b = service(team);

        var rename = responder.patch("/api/v1/services/" + a, Map.of("name", b, "displayName", "Renamed"));
        assertThat(rename.status()).isEqualTo(409);
        var tooLong = responder.patch("/api/v1/services/" + a, Map.of("description", "x".repeat(4001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asString()).isEqualTo("description");

        JsonNode after = responder.get("/api/v1/services/" + a).json();
        assertThat(after.get("displayName").asString()).isEqualTo("Service " + a);
        assertThat(after.has("description")).isFalse();
    }

    // ---- helpers ----

    private String team() {
        String name = unique("team");
        var r = responder.post("/api/v1/teams", Map.of("name", name, "displayName", "Team " + name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private String service(String team) {
        return service(team, "TIER_2");
    }

    private String service(String team, String tier) {
        String name = unique("svc");
        Map<String, Object> body = serviceBody(name, team);
        body.put("tier", tier);
        var r = responder.post("/api/v1/services", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private static Map<String, Object> serviceBody(String name, String team) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("displayName", "Service " + name);
        body.put("tier", "TIER_2");
        body.put("ownerTeam", team);
        return body;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("name").asString()));
        return names;
    }
}
