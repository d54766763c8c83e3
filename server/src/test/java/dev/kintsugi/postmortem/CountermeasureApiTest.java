package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.AuditEntry;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The countermeasure REST API: creation, validation, the try-harder refusal, statuses, filters, audit. */
class CountermeasureApiTest extends PostmortemFixtures {
    @Autowired
    AuditLog audit;

    private Map<String, Object> body(String title, String owner) {
        Map<String, Object> b = new HashMap<>();
        b.put("title", title);
        b.put("kind", "TELEMETRY_OR_ALERT");
        b.put("ownerUser", owner);
        b.put("dueDate", LocalDate.now().plusDays(14).toString());
        b.put("priority", "P2");
        return b;
    }

    @Test
    void createsReadsAndListsACountermeasureAndAuditsIt() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);

        Map<String, Object> b = body("Alert on the payment error rate", author);
        b.put("description", "Page the payments on-call above 2 % errors for 5 minutes");
        b.put("ticketKey", "PAY-123");
        b.put("ticketUrl", "https://tracker.example.test/PAY-123");
        var created = api.post("/api/v1/postmortems/" + pm.id() + "/countermeasures", b);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("status").asString()).isEqualTo("OPEN");
        assertThat(c.get("priority").asString()).isEqualTo("P2");
        assertThat(c.get("ownerUser").asString()).isEqualTo(author);
        assertThat(c.get("ticketKey").asString()).isEqualTo("PAY-123");
        long id = c.get("id").asLong();

        var read = api.get("/api/v1/countermeasures/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asString()).isEqualTo("Alert on the payment error rate");

        var ofPm = api.get("/api/v1/postmortems/" + pm.id() + "/countermeasures");
        assertThat(ofPm.status()).isEqualTo(200);
        assertThat(ofPm.json()).hasSize(1);
        assertThat(ofPm.json().get(0).get("id").asLong()).isEqualTo(id);

        List<AuditEntry> entries = tx.execute(s -> audit.search(
                        new AuditQuery(null, "countermeasure.", "countermeasure", "CM-" + id, null, null), 0, 10)
                .items());
        assertThat(entries).extracting(AuditEntry::action).containsExactly("countermeasure.created");
        assertThat(entries.get(0).actor()).isEqualTo(author);
    }

    @Test
    void badInputAnswers400NamingTheField() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);
        String path = "/api/v1/postmortems/" + pm.id() + "/countermeasures";

        Map<String, Object> noKind = body("Add a canary stage", author);
        noKind.remove("kind");
        assertField(api.post(path, noKind), "kind");

        Map<String, Object> noOwner = body("Add a canary stage", null);
        assertField(api.post(path, noOwner), "ownerUser");

        Map<String, Object> unknownTeam = body("Add a canary stage", null);
        unknownTeam.put("ownerTeam", unique("no-such-team"));
        assertField(api.post(path, unknownTeam), "ownerTeam");

        Map<String, Object> experimentOnTest = body("Add a canary stage", author);
        experimentOnTest.put("kind", "AUTOMATED_TEST");
        experimentOnTest.put("experiment", "psp-failover");
        assertField(api.post(path, experimentOnTest), "experiment");

        Map<String, Object> badKind = body("Add a canary stage", author);
        badKind.put("kind", "PRAYER");
        assertField(api.post(path, badKind), "kind");

        Map<String, Object> noDue = body("Add a canary stage", author);
        noDue.remove("dueDate");
        assertField(api.post(path, noDue), "dueDate");

        Map<String, Object> badUrl = body("Add a canary stage", author);
        badUrl.put("ticketUrl", "javascript:alert(1)");
        assertField(api.post(path, badUrl), "ticketUrl");

        assertThat(api.get(path).json()).isEmpty();

        // a rehearsal may name its experiment
        Map<String, Object> rehearsal = body("Rehearse the PSP failover monthly", author);
        rehearsal.put("kind", "REHEARSAL");
        rehearsal.put("experiment", "psp-failover");
        var ok = api.post(path, rehearsal);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("experiment").asString()).isEqualTo("psp-failover");
    }

    @Test
    void aCountermeasureThatOnlyAsksPeopleToTryHarderIsRefused() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);
        String path = "/api/v1/postmortems/" + pm.id() + "/countermeasures";

        for (String title : List.of(
                "Engineers must be more careful when deploying",
                "Pay more attention to the dashboards",
                "Double-check the config before merging",
                "Les opérateurs doivent faire plus attention",
                "Être plus vigilant lors des mises en production")) {
            var r = api.post(path, body(title, author));
            assertThat(r.status()).as(title + " → " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo("title");
            assertThat(r.json().get("detail").asString())
                    .contains("try harder")
                    .containsAnyOf("for example", "par exemple");
        }
        // a similar-looking but real countermeasure is accepted
        var ok = api.post(path, body("Add a careful-mode flag that blocks deploys during peak", author));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(api.get(path).json()).hasSize(1);
    }

    @Test
    void statusChangesRecordDoneAndNeedAReasonForWontDo() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);
        long id = api.post("/api/v1/postmortems/" + pm.id() + "/countermeasures", body("Load test the pool", author))
                .json()
                .get("id")
                .asLong();
        String path = "/api/v1/countermeasures/" + id;

        var inProgress = api.patch(path, Map.of("status", "IN_PROGRESS"));
        assertThat(inProgress.status()).isEqualTo(200);
        assertThat(inProgress.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(inProgress.json().has("doneAt")).isFalse();

        var done = api.patch(path, Map.of("status", "DONE"));
        assertThat(done.json().get("status").asString()).isEqualTo("DONE");
        assertThat(done.json().get("doneAt").asString()).isNotBlank();

        var noReason = api.patch(path, Map.of("status", "WONT_DO"));
        assertField(noReason, "reason");
        var shortReason = api.patch(path, Map.of("status", "WONT_DO", "reason", "nah"));
        assertField(shortReason, "reason");
        assertThat(api.get(path).json().get("status").asString()).isEqualTo("DONE");

        var wontDo = api.patch(path, Map.of("status", "WONT_DO", "reason", "The service is retired next month anyway"));
        assertThat(wontDo.status()).isEqualTo(200);
        assertThat(wontDo.json().get("status").asString()).isEqualTo("WONT_DO");
        assertThat(wontDo.json().get("wontDoReason").asString()).contains("retired");
        assertThat(wontDo.json().has("doneAt")).isFalse();

        var reopened = api.patch(path, Map.of("status", "OPEN", "title", "Load test the pool at 3x peak"));
        assertThat(reopened.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(reopened.json().get("title").asString()).isEqualTo("Load test the pool at 3x peak");
        assertThat(reopened.json().has("wontDoReason")).isFalse();

        var tryHarderEdit = api.patch(path, Map.of("title", "Be vigilant about the pool"));
        assertField(tryHarderEdit, "title");

        // an edit with a refused status change is not kept either
        var half = api.patch(path, Map.of("title", "Load test the pool at 5x peak", "status", "WONT_DO"));
        assertField(half, "reason");
        assertThat(api.get(path).json().get("title").asString()).isEqualTo("Load test the pool at 3x peak");
    }

    @Test
    void filtersByTeamStatusKindOwnerAndOverdue() {
        String member = responder();
        String other = responder();
        String team = team(member);
        Postmortem pm = draft(member);
        ApiClient api = apiAs(member);
        String path = "/api/v1/postmortems/" + pm.id() + "/countermeasures";

        Map<String, Object> late = body("Alert on pool saturation", member);
        late.put("dueDate", LocalDate.now().minusDays(3).toString());
        long lateId = api.post(path, late).json().get("id").asLong();

        Map<String, Object> teamOwned = body("Runbook for the PSP failover", null);
        teamOwned.put("ownerTeam", team);
        teamOwned.put("kind", "RUNBOOK_OR_DOCUMENTATION");
        long teamId = api.post(path, teamOwned).json().get("id").asLong();

        Map<String, Object> lateButDone = body("Dashboard for the PSP latency", other);
        lateButDone.put("dueDate", LocalDate.now().minusDays(10).toString());
        long doneId = api.post(path, lateButDone).json().get("id").asLong();
        api.patch("/api/v1/countermeasures/" + doneId, Map.of("status", "DONE"));

        assertThat(ids(api.get("/api/v1/countermeasures?overdue=true&size=200")))
                .contains(lateId)
                .doesNotContain(teamId, doneId);
        assertThat(ids(api.get("/api/v1/countermeasures?overdue=false&size=200")))
                .contains(teamId, doneId)
                .doesNotContain(lateId);
        // the team filter finds what the team owns and what its members own
        assertThat(ids(api.get("/api/v1/countermeasures?team=" + team))).containsExactlyInAnyOrder(lateId, teamId);
        assertThat(ids(api.get("/api/v1/countermeasures?team=" + team + "&kind=RUNBOOK_OR_DOCUMENTATION")))
                .containsExactly(teamId);
        assertThat(ids(api.get("/api/v1/countermeasures?owner=" + other))).containsExactly(doneId);
        assertThat(ids(api.get("/api/v1/countermeasures?owner=" + other + "&status=OPEN")))
                .isEmpty();
        var overdueOne = api.get("/api/v1/countermeasures/" + lateId).json();
        assertThat(overdueOne.get("overdue").asBoolean()).isTrue();
        assertField(api.get("/api/v1/countermeasures?status=LATER"), "status");
    }

    @Test
    void authorizationPerEndpointAndRole() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient authorApi = apiAs(author);
        long id = authorApi
                .post("/api/v1/postmortems/" + pm.id() + "/countermeasures", body("Alert on DNS errors", author))
                .json()
                .get("id")
                .asLong();
        ApiClient viewer = apiAs(Role.VIEWER);
        ApiClient anonymous = anonymousApi();

        assertThat(viewer.get("/api/v1/countermeasures").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/countermeasures/" + id).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/postmortems/" + pm.id() + "/countermeasures")
                        .status())
                .isEqualTo(200);
        assertThat(viewer.post("/api/v1/postmortems/" + pm.id() + "/countermeasures", body("Alert on X", author))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.patch("/api/v1/countermeasures/" + id, Map.of("status", "DONE"))
                        .status())
                .isEqualTo(403);

        for (String path : List.of(
                "/api/v1/countermeasures",
                "/api/v1/countermeasures/" + id,
                "/api/v1/postmortems/" + pm.id() + "/countermeasures")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(anonymous
                        .patch("/api/v1/countermeasures/" + id, Map.of("status", "DONE"))
                        .status())
                .isEqualTo(401);

        ApiClient otherResponder = apiAs(Role.RESPONDER);
        assertThat(otherResponder
                        .patch("/api/v1/countermeasures/" + id, Map.of("status", "IN_PROGRESS"))
                        .status())
                .isEqualTo(200);
        assertThat(apiAs(Role.ADMIN).get("/api/v1/countermeasures/" + id).status())
                .isEqualTo(200);
    }

    @Test
    void aPrivateIncidentsCountermeasuresAreHiddenFromOutsiders() {
        String author = responder();
        Postmortem pm = draft(author, Severity.SEV2, true, List.of());
        ApiClient api = apiAs(author);
        long id = api.post("/api/v1/postmortems/" + pm.id() + "/countermeasures", body("Rotate the leaked key", author))
                .json()
                .get("id")
                .asLong();
        assertThat(ids(api.get("/api/v1/countermeasures?owner=" + author))).containsExactly(id);

        ApiClient outsider = apiAs(Role.RESPONDER);
        assertThat(outsider.get("/api/v1/countermeasures/" + id).status()).isEqualTo(404);
        assertThat(ids(outsider.get("/api/v1/countermeasures?owner=" + author))).isEmpty();
        assertThat(outsider.post("/api/v1/postmortems/" + pm.id() + "/countermeasures", body("Rotate all keys", author))
                        .status())
                .isEqualTo(404);
        assertThat(ids(apiAs(Role.ADMIN).get("/api/v1/countermeasures?owner=" + author)))
                .containsExactly(id);
    }

    @Test
    void markVerifiedIsRecordedForTheChaosModule() {
        String author = responder();
        Postmortem pm = draft(author);
        Map<String, Object> b = body("Rehearse the failover", author);
        b.put("kind", "REHEARSAL");
        b.put("experiment", "psp-failover");
        long id = apiAs(author)
                .post("/api/v1/postmortems/" + pm.id() + "/countermeasures", b)
                .json()
                .get("id")
                .asLong();
        java.time.Instant at = java.time.Instant.parse("2026-03-01T10:00:00Z");
        tx.execute(s -> countermeasures.markVerified(id, at));
        assertThat(apiAs(author)
                        .get("/api/v1/countermeasures/" + id)
                        .json()
                        .get("verifiedAt")
                        .asString())
                .isEqualTo("2026-03-01T10:00:00Z");
    }

    private static List<Long> ids(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json()
                .get("items")
                .valueStream()
                .map(n -> n.get("id").asLong())
                .toList();
    }

    private static void assertField(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
    }
}
