package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A whole game day through the API and real parts: a real fault injected through an embedded proxy by a chaos run
 * the game day starts, heroes who declare, detect, diagnose and mitigate, the facilitator's verdict and hint, the
 * scoreboard, the end with the fault still in place (none left behind), the debrief and its post-mortem draft, the
 * invitation, the backlog, and the status machine's refusals.
 */
class GameDayEndToEndTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    record People(long id, ApiClient facilitator, ApiClient villain, ApiClient hero, String heroName, long team) {}

    People planned(String service, String mode) {
        String fac = createUser(unique("fac"), Role.CHAOS_ENGINEER, "password-fac-123");
        String vil = createUser(unique("vil"), Role.CHAOS_ENGINEER, "password-vil-123");
        String hero = createUser(unique("hero"), Role.RESPONDER, "password-hero-123");
        ApiClient f = apiAs(fac);
        ApiClient.Response plan = f.post(
                "/api/v1/gamedays",
                Map.of(
                        "title", unique("Slow payments"),
                        "story", "Payday. **Everyone** pays at once.<script>alert(1)</script>",
                        "mode", mode,
                        "startsAt", "2026-03-10T09:00:00Z",
                        "durationMinutes", 90,
                        "environment", "staging",
                        "services", List.of(service),
                        "hypotheses", "checkout degrades gracefully",
                        "objectives", "detect within 5 minutes"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long id = plan.json().path("id").asLong();
        long team = f.post("/api/v1/gamedays/" + id + "/teams", Map.of("name", "red"))
                .json()
                .path("id")
                .asLong();
        assertThat(f.put("/api/v1/gamedays/" + id + "/participants/" + vil, Map.of("role", "VILLAIN"))
                        .status())
                .isEqualTo(200);
        ApiClient.Response h =
                f.put("/api/v1/gamedays/" + id + "/participants/" + hero, Map.of("role", "HERO", "teamId", team));
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        return new People(id, f, apiAs(vil), apiAs(hero), hero, team);
    }

    @Test
    void aCompleteGameDayLeavesNoFaultBehind() throws Exception {
        String service = unique("shop-pay");
        tx.executeWithoutResult(s -> GameDayFixture.service(catalog, service));
        try (GameDayFixture shop = new GameDayFixture()) {
            People p = planned(service, "INFORMED");
            String base = "/api/v1/gamedays/" + p.id();

            // the villain prepares the fault: an experiment run as an inject
            ApiClient.Response exp = p.villain()
                    .post(
                            "/api/v1/experiments",
                            Map.of(
                                    "definition",
                                    shop.experiment(unique("slow payments"), 120),
                                    "services",
                                    List.of(service)));
            assertThat(exp.status()).as(exp.body()).isEqualTo(201);
            ApiClient.Response inject = p.villain()
                    .post(
                            base + "/injects",
                            Map.of(
                                    "title",
                                    "Payments get slow",
                                    "kind",
                                    "EXPERIMENT",
                                    "experimentId",
                                    exp.json().path("id").asLong()));
            assertThat(inject.status()).as(inject.body()).isEqualTo(201);
            long injectId = inject.json().path("id").asLong();
            assertThat(p.hero()
                            .post(base + "/injects", Map.of("title", "x", "kind", "TABLETOP", "body", "y"))
                            .status())
                    .as("heroes add no inject")
                    .isEqualTo(403);

            // the readiness checklist, with who and when
            JsonNode checks =
                    p.facilitator().post(base + "/checks/KILL_SWITCH", null).json();
            assertThat(checks.valueStream()
                            .filter(c -> c.path("item").asString().equals("KILL_SWITCH"))
                            .findFirst()
                            .orElseThrow()
                            .path("tickedBy")
                            .asString())
                    .startsWith("fac-");

            // illegal moves are refused with problem details
            ApiClient.Response early = p.facilitator().post(base + "/end", null);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.contentType()).startsWith("application/problem+json");
            assertThat(p.villain()
                            .post(base + "/injects/" + injectId + "/fire", null)
                            .status())
                    .as("nothing fires before the start")
                    .isEqualTo(409);
            assertThat(p.hero().post(base + "/start", null).status()).isEqualTo(403);
            ApiClient.Response stale =
                    p.facilitator().withHeader("If-Match", "\"0\"").post(base + "/start", null);
            assertThat(stale.status()).as("a stale If-Match").isEqualTo(412);

            ApiClient.Response started = p.facilitator().post(base + "/start", null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().path("status").asString()).isEqualTo("RUNNING");
            assertThat(p.facilitator().post(base + "/start", null).status()).isEqualTo(409);

            // the villain fires: a real toxic on the proxy
            ApiClient.Response fired = p.villain().post(base + "/injects/" + injectId + "/fire", null);
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            long run = fired.json().path("runId").asLong();
            assertThat(GameDayFixture.poll(
                            Duration.ofSeconds(30), () -> !shop.toxics().isEmpty()))
                    .as("the fault is on the proxy")
                    .isTrue();
            assertThat(p.villain()
                            .post(base + "/injects/" + injectId + "/fire", null)
                            .status())
                    .as("an inject fires once")
                    .isEqualTo(409);

            // the heroes respond
            ApiClient.Response declared = p.hero()
                    .post(
                            base + "/responses",
                            Map.of(
                                    "kind", "DECLARED",
                                    "title", "Checkout is slow",
                                    "body", "Every checkout takes more than 1.5 s; customers abandon their carts",
                                    "severity", "SEV3"));
            assertThat(declared.status()).as(declared.body()).isEqualTo(201);
            String incident = declared.json().path("incidentKey").asString();
            assertThat(incident).startsWith("INC-");
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "DETECTED"))
                            .status())
                    .isEqualTo(201);
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "HYPOTHESIS", "body", "payments slow"))
                            .status())
                    .isEqualTo(201);
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "FINDING", "body", "1.5 s on payments"))
                            .status())
                    .isEqualTo(201);
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "FINDING", "body", "the toxic is on the proxy"))
                            .status())
                    .isEqualTo(201);
            long diagnosis = p.hero()
                    .post(base + "/responses", Map.of("kind", "DIAGNOSIS", "body", "latency on the payments hop"))
                    .json()
                    .path("id")
                    .asLong();
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "DIAGNOSIS"))
                            .status())
                    .as("a diagnosis says something")
                    .isEqualTo(400);
            assertThat(p.hero()
                            .post(base + "/responses/" + diagnosis + "/verdict", Map.of("correct", true))
                            .status())
                    .isEqualTo(403);
            assertThat(p.facilitator()
                            .post(base + "/responses/" + diagnosis + "/verdict", Map.of("correct", true))
                            .status())
                    .isEqualTo(200);
            assertThat(p.facilitator()
                            .post(base + "/hints", Map.of("teamId", p.team(), "body", "look at the proxy"))
                            .status())
                    .isEqualTo(201);
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "MITIGATED"))
                            .status())
                    .isEqualTo(201);
            JsonNode inc = p.hero().get("/api/v1/incidents/" + incident).json();
            assertThat(inc.path("milestones").path("detected").isMissingNode())
                    .as(inc.toString())
                    .isFalse();
            assertThat(inc.path("milestones").path("mitigated").isMissingNode()).isFalse();

            JsonNode board = p.villain().get(base + "/scoreboard").json();
            assertThat(board.size()).isEqualTo(1);
            JsonNode red = board.get(0);
            assertThat(red.path("team").asString()).isEqualTo("red");
            assertThat(red.path("diagnoses").asInt()).isEqualTo(Scoring.CORRECT_DIAGNOSIS);
            assertThat(red.path("hints").asInt()).isEqualTo(Scoring.HINT);
            assertThat(red.path("report").asInt()).as(red.toString()).isEqualTo(50);
            assertThat(red.path("detection").asInt()).isGreaterThan(0);

            // end with the fault still in place: nothing is left behind
            assertThat(p.facilitator()
                            .get("/api/v1/chaos/runs/" + run)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("RUNNING");
            ApiClient.Response ended = p.facilitator().post(base + "/end", null);
            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            assertThat(ended.json().path("status").asString()).isEqualTo("ENDED");
            assertThat(shop.toxics())
                    .as("the fault is reverted when the end answers")
                    .isEmpty();
            assertThat(GameDayFixture.poll(
                            Duration.ofSeconds(30),
                            () -> !p.facilitator()
                                    .get("/api/v1/chaos/runs/" + run)
                                    .json()
                                    .path("status")
                                    .asString()
                                    .equals("RUNNING")))
                    .isTrue();
            assertThat(p.facilitator()
                            .get("/api/v1/chaos/runs/" + run + "/faults")
                            .json()
                            .valueStream())
                    .allSatisfy(f -> assertThat(f.path("status").asString()).isIn("REVERTED"));
            assertThat(shop.toxics()).isEmpty();
            assertThat(p.hero()
                            .post(base + "/responses", Map.of("kind", "FINDING", "body", "late"))
                            .status())
                    .isEqualTo(409);

            // the debrief: injects against detections, then the post-mortem draft with that timeline
            JsonNode timeline = p.facilitator().get(base + "/timeline").json();
            List<String> kinds =
                    timeline.valueStream().map(t -> t.path("kind").asString()).toList();
            assertThat(kinds)
                    .contains("started", "inject", "fault", "reverted", "declared", "detected", "mitigated", "ended");
            assertThat(kinds.indexOf("inject")).isLessThan(kinds.indexOf("detected"));
            assertThat(p.hero().post(base + "/postmortem", null).status()).isEqualTo(403);
            ApiClient.Response pm = p.facilitator().post(base + "/postmortem", null);
            assertThat(pm.status()).as(pm.body()).isEqualTo(200);
            String key = pm.json().path("postmortem").asString();
            assertThat(p.facilitator()
                            .post(base + "/postmortem", null)
                            .json()
                            .path("postmortem")
                            .asString())
                    .as("once")
                    .isEqualTo(key);
            JsonNode draft = p.facilitator()
                    .get("/api/v1/postmortems/" + key.substring(3))
                    .json();
            assertThat(draft.path("origin").asString()).as(draft.toString()).isEqualTo("GAME_DAY");
            JsonNode pmTimeline = p.facilitator()
                    .get("/api/v1/postmortems/" + key.substring(3) + "/timeline")
                    .json();
            assertThat(pmTimeline.size()).as(pmTimeline.toString()).isEqualTo(timeline.size());

            // clone to run it again and compare
            ApiClient.Response clone =
                    p.facilitator().post(base + "/clone", Map.of("startsAt", "2026-06-10T09:00:00Z"));
            assertThat(clone.status()).as(clone.body()).isEqualTo(201);
            assertThat(clone.json().path("clonedFrom").asLong()).isEqualTo(p.id());
            assertThat(clone.json().path("status").asString()).isEqualTo("PLANNED");
            long cloneId = clone.json().path("id").asLong();
            assertThat(p.facilitator()
                            .get("/api/v1/gamedays/" + cloneId + "/injects")
                            .json()
                            .size())
                    .isEqualTo(1);
            assertThat(p.facilitator()
                            .get("/api/v1/gamedays/" + cloneId + "/participants")
                            .json()
                            .size())
                    .isEqualTo(3);
        }
    }

    @Test
    void invitationsBacklogAndValidation() {
        String service = unique("shop-inv");
        tx.executeWithoutResult(s -> GameDayFixture.service(catalog, service));
        People p = planned(service, "BLIND");
        String base = "/api/v1/gamedays/" + p.id();

        ApiClient.Response ics = p.hero().get(base + "/invitation.ics");
        assertThat(ics.status()).as(ics.body()).isEqualTo(200);
        assertThat(ics.contentType()).startsWith("text/calendar");
        ICalendar cal = Biweekly.parse(ics.body()).first();
        var event = cal.getEvents().get(0);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
        assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2026-03-10T10:30:00Z"));
        assertThat(event.getDescription().getValue()).contains("HERO (red)");
        assertThat(event.getAttendees().get(0).getEmail()).isEqualTo(p.heroName() + "@example.test");
        assertThat(p.hero().get(base + "/invitation.ics?username=someone-else").status())
                .isEqualTo(403);
        assertThat(p.facilitator()
                        .get(base + "/invitation.ics?username=" + p.heroName())
                        .status())
                .isEqualTo(200);

        ApiClient.Response idea = p.hero().post("/api/v1/gameday-ideas", Map.of("title", unique("DNS goes away")));
        assertThat(idea.status()).isEqualTo(201);
        long ideaId = idea.json().path("id").asLong();
        assertThat(p.hero()
                        .post("/api/v1/gameday-ideas/" + ideaId + "/votes", null)
                        .json()
                        .path("votes")
                        .asInt())
                .isEqualTo(1);
        assertThat(p.hero()
                        .post("/api/v1/gameday-ideas/" + ideaId + "/votes", null)
                        .json()
                        .path("votes")
                        .asInt())
                .as("one vote per person")
                .isEqualTo(1);
        assertThat(p.villain()
                        .post("/api/v1/gameday-ideas/" + ideaId + "/votes", null)
                        .json()
                        .path("votes")
                        .asInt())
                .isEqualTo(2);

        ApiClient.Response bad = p.facilitator()
                .post(
                        "/api/v1/gamedays",
                        Map.of(
                                "title",
                                "x",
                                "mode",
                                "BLIND",
                                "startsAt",
                                "2026-03-10T09:00:00Z",
                                "services",
                                List.of("no-such")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("services");
        ApiClient.Response noMode = p.facilitator().post("/api/v1/gamedays", Map.of("title", "x"));
        assertThat(noMode.status()).isEqualTo(400);
        assertThat(noMode.body()).contains("mode");
        assertThat(p.facilitator()
                        .put(base + "/participants/" + p.heroName(), Map.of("role", "HERO"))
                        .status())
                .as("a hero needs a team")
                .isEqualTo(400);
        ApiClient viewer = apiAs(Role.VIEWER);
        assertThat(viewer.post("/api/v1/gamedays", Map.of("title", "x", "mode", "BLIND"))
                        .status())
                .isEqualTo(403);
    }
}
