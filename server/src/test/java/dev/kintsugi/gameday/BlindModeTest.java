package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blind mode, for each role, in the API and on the pages: until the facilitator reveals the scenario, heroes (and
 * people who are not in the game day) see neither the story, the hypotheses nor any inject but the tabletop texts
 * already fired; facilitators, villains and observers see everything. A hero sees only their own team's response.
 */
class BlindModeTest extends IntegrationTest {
    static final String STORY = "Secret-story-the-payments-provider-is-down";
    static final String HYPOTHESIS = "Secret-hypothesis-retries-hold";
    static final String PENDING = "Secret-pending-inject";
    static final String FIRED = "Clue-fired-inject";

    record Person(String name, ApiClient api, WebSession web) {}

    Person person(String prefix, Role role) {
        String name = createUser(unique(prefix), role, "password-" + prefix + "-1234");
        return new Person(name, apiAs(name), WebSession.loggedIn(baseUrl(), name, "password-" + prefix + "-1234"));
    }

    @Test
    void everyRoleSeesWhatBlindModeLetsIt() {
        Person fac = person("fac", Role.RESPONDER);
        Person villain = person("vil", Role.RESPONDER);
        Person observer = person("obs", Role.VIEWER);
        Person hero = person("hero", Role.RESPONDER);
        Person rival = person("rival", Role.RESPONDER);
        Person outsider = person("out", Role.VIEWER);

        ApiClient.Response plan = fac.api()
                .post(
                        "/api/v1/gamedays",
                        Map.of(
                                "title",
                                unique("Blind payday"),
                                "story",
                                STORY,
                                "mode",
                                "BLIND",
                                "startsAt",
                                "2026-03-10T09:00:00Z",
                                "hypotheses",
                                HYPOTHESIS));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long id = plan.json().path("id").asLong();
        String base = "/api/v1/gamedays/" + id;
        long red = fac.api()
                .post(base + "/teams", Map.of("name", "red"))
                .json()
                .path("id")
                .asLong();
        long blue = fac.api()
                .post(base + "/teams", Map.of("name", "blue"))
                .json()
                .path("id")
                .asLong();
        fac.api().put(base + "/participants/" + villain.name(), Map.of("role", "VILLAIN"));
        fac.api().put(base + "/participants/" + observer.name(), Map.of("role", "OBSERVER"));
        fac.api().put(base + "/participants/" + hero.name(), Map.of("role", "HERO", "teamId", red));
        fac.api().put(base + "/participants/" + rival.name(), Map.of("role", "HERO", "teamId", blue));
        assertThat(villain.api()
                        .post(
                                base + "/injects",
                                Map.of("title", PENDING, "kind", "TABLETOP", "body", PENDING + "-text"))
                        .status())
                .isEqualTo(201);
        long clue = villain.api()
                .post(base + "/injects", Map.of("title", FIRED, "kind", "TABLETOP", "body", FIRED + "-text"))
                .json()
                .path("id")
                .asLong();
        assertThat(fac.api().post(base + "/start", null).status()).isEqualTo(200);
        assertThat(villain.api().post(base + "/injects/" + clue + "/fire", null).status())
                .isEqualTo(200);
        assertThat(hero.api()
                        .post(base + "/responses", Map.of("kind", "HYPOTHESIS", "body", "red-thinks-dns"))
                        .status())
                .isEqualTo(201);
        assertThat(rival.api()
                        .post(base + "/responses", Map.of("kind", "HYPOTHESIS", "body", "blue-thinks-db"))
                        .status())
                .isEqualTo(201);

        for (Person p : List.of(fac, villain, observer)) {
            JsonNode g = p.api().get(base).json();
            assertThat(g.path("story").asString()).as(p.name()).isEqualTo(STORY);
            assertThat(g.path("hypotheses").asString()).isEqualTo(HYPOTHESIS);
            JsonNode injects = p.api().get(base + "/injects").json();
            assertThat(injects.valueStream().map(i -> i.path("body").asString()))
                    .containsExactlyInAnyOrder(PENDING + "-text", FIRED + "-text");
            assertThat(p.api().get(base + "/responses").json().size()).isEqualTo(2);
            String page = p.web().get("/gamedays/" + id).body();
            assertThat(page).contains(STORY, HYPOTHESIS, PENDING, FIRED, "red-thinks-dns", "blue-thinks-db");
            assertThat(p.web().get("/gamedays/" + id + "/debrief").body()).contains(FIRED);
        }
        for (Person p : List.of(hero, outsider)) {
            JsonNode g = p.api().get(base).json();
            assertThat(g.toString()).as(p.name()).doesNotContain(STORY, HYPOTHESIS);
            assertThat(g.path("story").isValueNode()).isFalse();
            assertThat(g.path("scenarioVisible").asBoolean()).isFalse();
            JsonNode injects = p.api().get(base + "/injects").json();
            assertThat(injects.valueStream().map(i -> i.path("title").asString()))
                    .as("only the clue already fired")
                    .containsExactly(FIRED);
            assertThat(injects.get(0).path("body").asString()).isEqualTo(FIRED + "-text");
            String page = p.web().get("/gamedays/" + id).body();
            assertThat(page).contains(FIRED).doesNotContain(STORY, HYPOTHESIS, PENDING);
            String live = p.web().get("/gamedays/" + id + "/live").body();
            assertThat(live).doesNotContain(STORY, PENDING);
            String debrief = p.web().get("/gamedays/" + id + "/debrief").body();
            assertThat(debrief).contains(FIRED).doesNotContain(PENDING, STORY);
            assertThat(p.api().get(base + "/timeline").body()).doesNotContain(PENDING);
        }
        // a hero sees their own team's response only
        assertThat(hero.api()
                        .get(base + "/responses")
                        .json()
                        .valueStream()
                        .map(r -> r.path("body").asString()))
                .containsExactly("red-thinks-dns");
        assertThat(hero.web().get("/gamedays/" + id).body())
                .contains("red-thinks-dns")
                .doesNotContain("blue-thinks-db");
        assertThat(hero.api().post(base + "/reveal", null).status()).isEqualTo(403);
        assertThat(outsider.api()
                        .post(base + "/responses", Map.of("kind", "DETECTED"))
                        .status())
                .isEqualTo(403);

        // the reveal: the heroes see the scenario and every inject (a pending tabletop text stays unsaid)
        assertThat(fac.api().post(base + "/reveal", null).status()).isEqualTo(200);
        JsonNode after = hero.api().get(base).json();
        assertThat(after.path("story").asString()).isEqualTo(STORY);
        assertThat(hero.api()
                        .get(base + "/injects")
                        .json()
                        .valueStream()
                        .map(i -> i.path("title").asString()))
                .containsExactlyInAnyOrder(PENDING, FIRED);
        assertThat(hero.web().get("/gamedays/" + id).body())
                .contains(STORY, PENDING)
                .doesNotContain(PENDING + "-text");
    }
}
