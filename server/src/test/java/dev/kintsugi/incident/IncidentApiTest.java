package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class IncidentApiTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    ApiClient responder;
    String service;

    @BeforeEach
    void setUp() {
        responder = apiAs(Role.RESPONDER);
        String team = unique("team");
        service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
    }

    private long rows() {
        return jdbc.sql("select (select count(*) from incident) + (select count(*) from incident_timeline_entry)"
                        + " + (select count(*) from platform_audit_entry)")
                .query(Long.class)
                .single();
    }

    private JsonNode declare(String title) {
        var r = responder.post(
                "/api/v1/incidents", Map.of("title", title, "severity", "SEV2", "services", List.of(service)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private ApiClient.Response move(String key, Map<String, Object> body) {
        return responder.post("/api/v1/incidents/" + key + "/transitions", body);
    }

    @Test
    void declaresAnIncidentWithMilestonesAndATimeline() {
        JsonNode incident = declare("Checkout returns 502");
        String key = incident.get("key").asString();
        assertThat(key).matches("INC-\\d+");
        assertThat(incident.get("status").asString()).isEqualTo("INVESTIGATING");
        assertThat(incident.get("services").get(0).asString()).isEqualTo(service);
        assertThat(incident.get("milestones").get("declared").isNull()).isFalse();
        assertThat(incident.get("milestones").get("detected").isNull()).isFalse();
        assertThat(incident.get("severityDescription").asString()).isNotBlank();

        var timeline = responder.get("/api/v1/incidents/" + key + "/timeline").json();
        assertThat(timeline.get(0).get("kind").asString()).isEqualTo("DECLARED");
        assertThat(responder.get("/api/v1/incidents/" + key).json().get("title").asString())
                .isEqualTo("Checkout returns 502");
    }

    @Test
    void runsAnIncidentToClosure() {
        // SEV4: no post-mortem is required to close it (that rule has its own test)
        var declared = responder.post("/api/v1/incidents", Map.of("title", "Search is slow", "severity", "SEV4"));
        String key = declared.json().get("key").asString();
        assertThat(responder
                        .put("/api/v1/incidents/" + key + "/roles/commander", Map.of("username", "admin"))
                        .status())
                .isEqualTo(200);
        assertThat(move(key, Map.of("to", "IDENTIFIED")).status()).isEqualTo(200);
        var monitoring = move(key, Map.of("to", "MONITORING"));
        assertThat(monitoring.json().get("milestones").get("mitigated").isNull())
                .isFalse();
        var resolved = move(key, Map.of("to", "RESOLVED"));
        assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("durationsSeconds").get("toResolve").isNull())
                .isFalse();

        var noReason = move(key, Map.of("to", "CLOSED"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("closureReason");

        var closed = move(key, Map.of("to", "CLOSED", "closureReason", "RESOLVED"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("milestones").get("closed").isNull()).isFalse();

        var again = move(key, Map.of("to", "INVESTIGATING", "reason", "trying to reopen a closed one"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("allowedNext").size()).isZero();
        assertThat(again.json().get("currentStatus").asString()).isEqualTo("CLOSED");
    }

    @Test
    void illegalTransitionsAnswer409WithTheAllowedStates() {
        String key = declare("Payments delayed").get("key").asString();
        move(key, Map.of("to", "MONITORING"));
        long before = rows();
        var r = move(key, Map.of("to", "IDENTIFIED"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("MONITORING", "IDENTIFIED");
        assertThat(r.json().get("allowedNext").toString())
                .contains("RESOLVED", "CLOSED")
                .doesNotContain("IDENTIFIED");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void reopeningNeedsAReason() {
        String key = declare("Login loops").get("key").asString();
        move(key, Map.of("to", "RESOLVED"));
        var r = move(key, Map.of("to", "INVESTIGATING", "reason", "again"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("reason");
        var ok = move(key, Map.of("to", "INVESTIGATING", "reason", "errors came back at 14:05"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("milestones").has("resolved")).isFalse();
    }

    @Test
    void closingAsDuplicateNamesTheOtherIncident() {
        String first = declare("Cart empty for some users").get("key").asString();
        String second = declare("Cart empties").get("key").asString();
        var unknown = move(second, Map.of("to", "CLOSED", "closureReason", "DUPLICATE", "duplicateOf", "INC-999999"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("duplicateOf");
        var r = move(second, Map.of("to", "CLOSED", "closureReason", "DUPLICATE", "duplicateOf", first));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("duplicateOf").asString()).isEqualTo(first);
    }

    @Test
    void closurePoliciesCanRefuseClosing() {
        String key =
                declare(RefusingClosurePolicy.MARKER + " DNS outage").get("key").asString();
        move(key, Map.of("to", "RESOLVED"));
        var r = move(key, Map.of("to", "CLOSED", "closureReason", "RESOLVED"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("link").asString()).isEqualTo("/postmortems/" + key);
        assertThat(responder
                        .get("/api/v1/incidents/" + key)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RESOLVED");
    }

    @Test
    void badInputAnswers400WithTheFieldAndWritesNothing() {
        long before = rows();
        record Case(Object body, String field) {}
        List<Case> cases = List.of(
                new Case(Map.of("severity", "SEV2"), "title"),
                new Case(Map.of("title", "  ", "severity", "SEV2"), "title"),
                new Case(Map.of("title", "x".repeat(201), "severity", "SEV2"), "title"),
                new Case(Map.of("title", "Disk full"), "severity"),
                new Case(Map.of("title", "Disk full", "severity", "SEV9"), "severity"),
                new Case(
                        Map.of("title", "Disk full", "severity", "SEV3", "services", List.of("no-such-service")),
                        "services"),
                new Case(
                        Map.of("title", "Disk full", "severity", "SEV3", "description", "y".repeat(50_001)),
                        "description"),
                new Case(Map.of("title", "Disk full", "severity", "SEV3", "commander", "nobody-here"), "commander"),
                new Case(
                        Map.of("title", "Disk full", "severity", "SEV3", "detectedAt", "2999-01-01T00:00:00Z"),
                        "detectedAt"));
        for (Case c : cases) {
            var r = responder.post("/api/v1/incidents", c.body());
            assertThat(r.status()).as(c.toString() + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(c.field());
        }
        var malformed = responder.post("/api/v1/incidents", "{\"title\": \"Disk full\", \"severity\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("title").asString()).isEqualTo("Malformed request body");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void notesStatusUpdatesAndPins() {
        String key = declare("Emails not sent").get("key").asString();
        var note = responder.post(
                "/api/v1/incidents/" + key + "/timeline",
                Map.of("body", "SMTP relay **refuses** connections", "perspective", "mail team"));
        assertThat(note.status()).isEqualTo(201);
        long id = note.json().get("id").asLong();
        var update = responder.post(
                "/api/v1/incidents/" + key + "/timeline",
                Map.of(
                        "kind",
                        "STATUS_UPDATE",
                        "body",
                        "We are investigating delayed e-mails.",
                        "visibility",
                        "PUBLIC"));
        assertThat(update.json().get("visibility").asString()).isEqualTo("PUBLIC");
        var pinned = responder.put("/api/v1/incidents/" + key + "/timeline/" + id + "/pin", Map.of("pinned", true));
        assertThat(pinned.json().get("pinned").asBoolean()).isTrue();
        var bad =
                responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "STATUS_CHANGE", "body", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("kind");
        var timeline = responder.get("/api/v1/incidents/" + key + "/timeline").json();
        assertThat(timeline.toString()).contains("SMTP relay", "mail team", "We are investigating");
    }

    @Test
    void milestoneEditsAreAuditedAndValidated() {
        String key = declare("Latency spike").get("key").asString();
        var r = responder.put(
                "/api/v1/incidents/" + key + "/milestones/impact-started", Map.of("at", "2020-01-01T09:00:00+01:00"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("milestones").get("impactStarted").asString()).isEqualTo("2020-01-01T08:00:00Z");
        var entries = tx.execute(
                s -> audit.search(new AuditQuery(null, "incident.milestone", "incident", key, null, null), 0, 10));
        assertThat(entries.items()).hasSize(1);
        assertThat(entries.items().get(0).before()).contains("milestones");
        var future = responder.put(
                "/api/v1/incidents/" + key + "/milestones/detected", Map.of("at", "2999-01-01T00:00:00Z"));
        assertThat(future.status()).isEqualTo(400);
        var unknown =
                responder.put("/api/v1/incidents/" + key + "/milestones/lunch", Map.of("at", "2020-01-01T00:00:00Z"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("milestone");
    }

    @Test
    void privateIncidentsAreVisibleOnlyToParticipantsAndAdmins() {
        var r = responder.post(
                "/api/v1/incidents", Map.of("title", "Credential leak", "severity", "SEV1", "private", true));
        String key = r.json().get("key").asString();
        ApiClient outsider = apiAs(Role.RESPONDER);
        assertThat(outsider.get("/api/v1/incidents/" + key).status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/incidents?q=Credential+leak")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(apiAs(Role.ADMIN).get("/api/v1/incidents/" + key).status()).isEqualTo(200);
        assertThat(responder
                        .get("/api/v1/incidents?q=Credential+leak")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void listsWithFilters() {
        String key = declare("Unique filter target " + service).get("key").asString();
        var byService = responder.get("/api/v1/incidents?service=" + service).json();
        assertThat(byService.get("total").asLong()).isEqualTo(1);
        assertThat(byService.get("items").get(0).get("key").asString()).isEqualTo(key);
        var bySeverity = responder
                .get("/api/v1/incidents?severity=SEV2&status=INVESTIGATING&q=" + service)
                .json();
        assertThat(bySeverity.get("total").asLong()).isEqualTo(1);
        assertThat(responder
                        .get("/api/v1/incidents?severity=SEV5&q=" + service)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(responder.get("/api/v1/incidents?severity=SEV9").status()).isEqualTo(400);
    }
}
