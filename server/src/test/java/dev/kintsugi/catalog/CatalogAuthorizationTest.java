package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog endpoint for every kind of caller: anonymous gets 401, a role below the endpoint's gets 403,
 * and a refused write leaves the catalog unchanged.
 */
class CatalogAuthorizationTest extends IntegrationTest {
    /** One client per server port and role (anonymous is {@code null} in the cases). */
    private static final Map<String, ApiClient> CLIENTS = new HashMap<>();

    enum Endpoint {
        LIST_TEAMS(Role.VIEWER, 200),
        GET_TEAM(Role.VIEWER, 200),
        CREATE_TEAM(Role.RESPONDER, 201),
        UPDATE_TEAM(Role.RESPONDER, 200),
        DELETE_TEAM(Role.ADMIN, 204),
        LIST_SERVICES(Role.VIEWER, 200),
        GET_SERVICE(Role.VIEWER, 200),
        CREATE_SERVICE(Role.RESPONDER, 201),
        UPDATE_SERVICE(Role.RESPONDER, 200),
        DELETE_SERVICE(Role.ADMIN, 204);

        final Role needs;
        final int success;

        Endpoint(Role needs, int success) {
            this.needs = needs;
            this.success = success;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            cases.add(Arguments.of(e, null, 401));
            for (Role role : List.of(Role.VIEWER, Role.RESPONDER, Role.ADMIN)) {
                cases.add(Arguments.of(e, role, role.includes(e.needs) ? e.success : 403));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cases")
    void eachEndpointAnswersByRole(Endpoint endpoint, Role role, int expected) {
        ApiClient admin = client(Role.ADMIN);
        String team = unique("authz-team");
        assertThat(admin.post("/api/v1/teams", Map.of("name", team, "displayName", "Before"))
                        .status())
                .isEqualTo(201);
        // a second team for the service, so the first one can be deleted
        String owner = unique("authz-owner");
        assertThat(admin.post("/api/v1/teams", Map.of("name", owner, "displayName", "Owner"))
                        .status())
                .isEqualTo(201);
        String service = unique("authz-svc");
        assertThat(admin.post(
                                "/api/v1/services",
                                Map.of("name", service, "displayName", "Before", "tier", "TIER_2", "ownerTeam", owner))
                        .status())
                .isEqualTo(201);
        String newName = unique("authz-new");

        ApiClient caller = role == null ? anonymousApi() : client(role);
        var response = switch (endpoint) {
            case LIST_TEAMS -> caller.get("/api/v1/teams");
            case GET_TEAM -> caller.get("/api/v1/teams/" + team);
            case CREATE_TEAM -> caller.post("/api/v1/teams", Map.of("name", newName, "displayName", "New"));
            case UPDATE_TEAM -> caller.patch("/api/v1/teams/" + team, Map.of("displayName", "After"));
            case DELETE_TEAM -> caller.delete("/api/v1/teams/" + team);
            case LIST_SERVICES -> caller.get("/api/v1/services");
            case GET_SERVICE -> caller.get("/api/v1/services/" + service);
            case CREATE_SERVICE ->
                caller.post(
                        "/api/v1/services",
                        Map.of("name", newName, "displayName", "New", "tier", "TIER_3", "ownerTeam", owner));
            case UPDATE_SERVICE -> caller.patch("/api/v1/services/" + service, Map.of("displayName", "After"));
            case DELETE_SERVICE -> caller.delete("/api/v1/services/" + service);
        };

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            // nothing changed
            assertThat(admin.get("/api/v1/teams/" + team)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("Before");
            assertThat(admin.get("/api/v1/services/" + service)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("Before");
            assertThat(admin.get("/api/v1/teams/" + newName).status()).isEqualTo(404);
            assertThat(admin.get("/api/v1/services/" + newName).status()).isEqualTo(404);
        } else if (endpoint == Endpoint.DELETE_TEAM) {
            assertThat(admin.get("/api/v1/teams/" + team).status()).isEqualTo(404);
        } else if (endpoint == Endpoint.DELETE_SERVICE) {
            assertThat(admin.get("/api/v1/services/" + service).status()).isEqualTo(404);
        } else if (endpoint == Endpoint.UPDATE_TEAM) {
            assertThat(admin.get("/api/v1/teams/" + team)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("After");
        } else if (endpoint == Endpoint.UPDATE_SERVICE) {
            assertThat(admin.get("/api/v1/services/" + service)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("After");
        } else if (endpoint == Endpoint.CREATE_TEAM) {
            assertThat(admin.get("/api/v1/teams/" + newName).status()).isEqualTo(200);
        } else if (endpoint == Endpoint.CREATE_SERVICE) {
            assertThat(admin.get("/api/v1/services/" + newName).status()).isEqualTo(200);
        } else {
            assertThat(response.body()).contains(endpoint.name().startsWith("LIST_") ? "[" : "\"name\"");
        }
    }

    /** One user and token per role for the whole class: the application context (and its database) is shared. */
    private ApiClient client(Role role) {
        synchronized (CLIENTS) {
            return CLIENTS.computeIfAbsent(port + "/" + role, k -> apiAs(role));
        }
    }
}
