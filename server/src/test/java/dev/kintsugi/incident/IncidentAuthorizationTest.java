package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
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
import org.springframework.beans.factory.annotation.Autowired;

/** Every incident endpoint × every caller: 401 anonymous, 403 below the role, the endpoint's success status otherwise. */
class IncidentAuthorizationTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    record Endpoint(String name, Role least, int ok, BiFunction<String, ApiClient, ApiClient.Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String BASE = "/api/v1/incidents/";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET /incidents", Role.VIEWER, 200, (k, c) -> c.get("/api/v1/incidents")),
            new Endpoint(
                    "GET /incidents/open-by-severity",
                    Role.VIEWER,
                    200,
                    (k, c) -> c.get("/api/v1/incidents/open-by-severity")),
            new Endpoint(
                    "POST /incidents",
                    Role.RESPONDER,
                    201,
                    (k, c) -> c.post("/api/v1/incidents", Map.of("title", "Auth matrix", "severity", "SEV5"))),
            new Endpoint("GET /incidents/{key}", Role.VIEWER, 200, (k, c) -> c.get(BASE + k)),
            new Endpoint(
                    "PATCH /incidents/{key}",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.patch(BASE + k, Map.of("severity", "SEV4"))),
            new Endpoint(
                    "POST /incidents/{key}/transitions",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.post(BASE + k + "/transitions", Map.of("to", "IDENTIFIED"))),
            new Endpoint(
                    "POST /incidents/{key}/acknowledge",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.post(BASE + k + "/acknowledge", null)),
            new Endpoint(
                    "PUT /incidents/{key}/roles/{role}",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.put(BASE + k + "/roles/scribe", Map.of("username", "admin"))),
            new Endpoint(
                    "DELETE /incidents/{key}/roles/{role}",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.delete(BASE + k + "/roles/scribe")),
            new Endpoint(
                    "POST /incidents/{key}/participants",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.post(BASE + k + "/participants", Map.of("username", "admin"))),
            new Endpoint(
                    "PUT /incidents/{key}/milestones/{m}",
                    Role.RESPONDER,
                    200,
                    (k, c) -> c.put(BASE + k + "/milestones/impact-started", Map.of("at", "2020-01-01T00:00:00Z"))),
            new Endpoint("GET /incidents/{key}/timeline", Role.VIEWER, 200, (k, c) -> c.get(BASE + k + "/timeline")),
            new Endpoint(
                    "POST /incidents/{key}/timeline",
                    Role.RESPONDER,
                    201,
                    (k, c) -> c.post(BASE + k + "/timeline", Map.of("body", "a note"))),
            new Endpoint("PUT /incidents/{key}/timeline/{id}/pin", Role.RESPONDER, 200, (k, c) -> {
                String id =
                        c.get(BASE + k + "/timeline").json().path(0).path("id").asString();
                return c.put(BASE + k + "/timeline/" + (id.isEmpty() ? "1" : id) + "/pin", Map.of("pinned", true));
            }));

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        List<Role> callers = new ArrayList<>();
        callers.add(null);
        callers.addAll(List.of(Role.values()));
        for (Endpoint e : ENDPOINTS) {
            for (Role r : callers) {
                cases.add(Arguments.of(e, r == null ? "anonymous" : r.name()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void answersByRole(Endpoint endpoint, String caller) {
        String key = tx.execute(s -> incidents
                .declare(new DeclareIncident(
                        "Authorization fixture", null, Severity.SEV5, List.of(), null, null, false, null, null))
                .key());
        ApiClient client = caller.equals("anonymous") ? anonymousApi() : apiAs(Role.valueOf(caller));
        var response = endpoint.call().apply(key, client);
        int expected = caller.equals("anonymous")
                ? 401
                : Role.valueOf(caller).includes(endpoint.least()) ? endpoint.ok() : 403;
        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }
}
