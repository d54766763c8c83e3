package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every platform endpoint against every kind of caller: 401 without a token, 403 below the role, else 2xx. */
class PlatformAuthorizationTest extends IntegrationTest {

    /** Who calls: no role means anonymous. */
    record Caller(Role role) {
        @Override
        public String toString() {
            return role == null ? "anonymous" : role.name();
        }
    }

    /**
     * One endpoint: the least role it needs, the status it answers when allowed, and how to call it. The call
     * gets the test (to make fixtures) and the caller's client; fixtures belong to a fresh user so that a
     * successful call changes nothing another row depends on.
     */
    record Endpoint(
            String name, Role least, int okStatus, BiFunction<PlatformAuthorizationTest, ApiClient, Integer> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(
                    "GET /api/v1/me",
                    Role.VIEWER,
                    200,
                    (t, c) -> c.get("/api/v1/me").status()),
            new Endpoint(
                    "PATCH /api/v1/me",
                    Role.VIEWER,
                    200,
                    (t, c) -> c.patch("/api/v1/me", Map.of("locale", "fr")).status()),
            new Endpoint(
                    "GET /api/v1/me/tokens",
                    Role.VIEWER,
                    200,
                    (t, c) -> c.get("/api/v1/me/tokens").status()),
            new Endpoint(
                    "POST /api/v1/me/tokens",
                    Role.VIEWER,
                    201,
                    (t, c) ->
                            c.post("/api/v1/me/tokens", Map.of("name", "extra")).status()),
            new Endpoint("DELETE /api/v1/me/tokens/{id}", Role.VIEWER, 204, (t, c) -> {
                // A second token of the caller's own, so the one in use survives.
                var created = c.post("/api/v1/me/tokens", Map.of("name", "to-revoke"));
                long id = created.status() == 201 ? created.json().get("id").asLong() : t.tokenOf(t.fixtureUser());
                return c.delete("/api/v1/me/tokens/" + id).status();
            }),
            new Endpoint(
                    "GET /api/v1/users",
                    Role.ADMIN,
                    200,
                    (t, c) -> c.get("/api/v1/users").status()),
            new Endpoint(
                    "POST /api/v1/users",
                    Role.ADMIN,
                    201,
                    (t, c) -> c.post(
                                    "/api/v1/users",
                                    Map.of(
                                            "username", unique("made"),
                                            "displayName", "Made",
                                            "role", "VIEWER",
                                            "password", "a-long-password"))
                            .status()),
            new Endpoint(
                    "GET /api/v1/users/{username}",
                    Role.ADMIN,
                    200,
                    (t, c) -> c.get("/api/v1/users/" + t.fixtureUser()).status()),
            new Endpoint(
                    "PATCH /api/v1/users/{username}",
                    Role.ADMIN,
                    200,
                    (t, c) -> c.patch("/api/v1/users/" + t.fixtureUser(), Map.of("displayName", "Renamed"))
                            .status()),
            new Endpoint(
                    "GET /api/v1/users/{username}/tokens",
                    Role.ADMIN,
                    200,
                    (t, c) -> c.get("/api/v1/users/" + t.fixtureUser() + "/tokens")
                            .status()),
            new Endpoint("DELETE /api/v1/users/{username}/tokens/{id}", Role.ADMIN, 204, (t, c) -> {
                String owner = t.fixtureUser();
                return c.delete("/api/v1/users/" + owner + "/tokens/" + t.tokenOf(owner))
                        .status();
            }),
            new Endpoint(
                    "GET /api/v1/audit",
                    Role.ADMIN,
                    200,
                    (t, c) -> c.get("/api/v1/audit?size=5").status()));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller(null));
        for (Role r : Role.values()) {
            callers.add(new Caller(r));
        }
        for (Endpoint e : ENDPOINTS) {
            for (Caller c : callers) {
                int expected = c.role() == null ? 401 : c.role().includes(e.least()) ? e.okStatus() : 403;
                all.add(Arguments.of(e, c, expected));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("cases")
    void eachEndpointAnswersByRole(Endpoint endpoint, Caller caller, int expected) {
        ApiClient client = caller.role() == null ? anonymousApi() : apiAs(caller.role());

        int status = endpoint.call().apply(this, client);

        assertThat(status).isEqualTo(expected);
    }

    String fixtureUser() {
        return createUser(unique("fixture"), Role.VIEWER, "a-long-password");
    }

    long tokenOf(String username) {
        return tx.execute(s -> tokens.create(username, "fixture", null).token().id());
    }
}
