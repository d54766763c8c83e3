package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Declaring through the API: a refused declaration takes no incident number; roles go to responders only; naming a
 * commander does not acknowledge for them.
 */
class IncidentDeclarationTest extends IntegrationTest {
    @Autowired
    JdbcClient jdbc;

    ApiClient responder;
    String viewer;

    @BeforeEach
    void setUp() {
        responder = apiAs(Role.RESPONDER);
        viewer = createUser(unique("viewer"), Role.VIEWER, "password-viewer-1");
    }

    private long number(ApiClient.Response declared) {
        assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
        return Long.parseLong(declared.json().get("key").asString().substring(4));
    }

    private static void assertRefused(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo(field);
    }

    @Test
    void aRefusedDeclarationDoesNotConsumeANumber() {
        long first = number(responder.post("/api/v1/incidents", Map.of("title", "Numbered", "severity", "SEV5")));

        assertRefused(
                responder.post(
                        "/api/v1/incidents",
                        Map.of("title", "Unknown service", "severity", "SEV5", "services", java.util.List.of("nope"))),
                "services");
        assertRefused(
                responder.post(
                        "/api/v1/incidents",
                        Map.of(
                                "title", "Impact after detection",
                                "severity", "SEV5",
                                "impactStartedAt", "2026-01-01T10:00:00Z",
                                "detectedAt", "2026-01-01T09:00:00Z")),
                "impactStartedAt");
        assertRefused(
                responder.post(
                        "/api/v1/incidents", Map.of("title", "Viewer leads", "severity", "SEV5", "commander", viewer)),
                "commander");

        long next = number(responder.post("/api/v1/incidents", Map.of("title", "Next", "severity", "SEV5")));
        long counter = jdbc.sql("select last_number from incident_number_counter where id = 1")
                .query(Long.class)
                .single();
        assertThat(counter).isGreaterThanOrEqualTo(next);
        // other tests may declare meanwhile only in their own thread: this one is sequential, so no gap is ours
        assertThat(next).isEqualTo(first + 1);
    }

    @Test
    void aViewerHoldsNoIncidentRole() {
        String key = responder
                .post("/api/v1/incidents", Map.of("title", "Roles", "severity", "SEV4"))
                .json()
                .get("key")
                .asString();

        for (String role : java.util.List.of("commander", "scribe", "communications")) {
            assertRefused(
                    responder.put("/api/v1/incidents/" + key + "/roles/" + role, Map.of("username", viewer)),
                    "username");
        }
        assertThat(responder.get("/api/v1/incidents/" + key).json().get("roles").get("communications"))
                .isNull();
    }

    @Test
    void namingACommanderAtDeclarationDoesNotAcknowledge() {
        String commander = createUser(unique("ic"), Role.RESPONDER, "password-ic-1");
        var declared =
                responder.post("/api/v1/incidents", Map.of("title", "Led", "severity", "SEV3", "commander", commander));
        assertThat(declared.status()).isEqualTo(201);
        assertThat(declared.json().get("roles").get("commander").asString()).isEqualTo(commander);
        assertThat(declared.json().get("milestones").get("acknowledged")).isNull();
        assertThat(declared.json().get("durationsSeconds").get("toAcknowledge")).isNull();

        String key = declared.json().get("key").asString();
        var acknowledged = apiAs(commander).post("/api/v1/incidents/" + key + "/acknowledge", null);
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("milestones").get("acknowledged")).isNotNull();
    }
}
