package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The post-mortem pages through a real session: write, check language, read, diff; Markdown stays inert. */
class PostmortemPageTest extends IntegrationTest {
    @Autowired
    PostmortemManagement postmortems;

    @Autowired
    PostmortemDrafts drafts;

    @Autowired
    PostmortemPublication publication;

    WebSession web;
    String name;
    long id;

    @BeforeEach
    void setUp() {
        name = unique("pmweb");
        createUser(name, Role.RESPONDER, "password-" + name);
        web = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        id = tx.execute(s -> Actor.runAs(
                name,
                Role.RESPONDER,
                () -> drafts.start(Origin.GAME_DAY, "Game day: kill the primary database", "SEV3", false)
                        .id()));
    }

    private Postmortem pm() {
        return tx.execute(s -> Actor.runAs(name, Role.RESPONDER, () -> postmortems.get(id)));
    }

    private Map<String, String> form(String summary) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("basedOn", String.valueOf(pm().revision()));
        f.put("title", "Game day: kill the primary database");
        f.put("severity", "SEV3");
        f.put("facilitator", name);
        f.put("owner", name);
        f.put("participants", name);
        f.put("tags", "gameday, database");
        f.put("summary", summary);
        f.put("customerImpact", "None: a planned exercise");
        f.put("wentWell", "Failover took 40 s.");
        f.put("factors[0].category", "TECHNICAL");
        f.put("factors[0].description", "The replica lagged by 3 s under load");
        f.put("factors[1].category", "");
        f.put("factors[1].description", "");
        f.put("decisions[0].decision", "Promoted the replica by hand, then restarted the app, quickly");
        f.put("decisions[0].whyItMadeSense", "The automatic failover had never been tested");
        f.put("links[0].kind", "DASHBOARD");
        f.put("links[0].title", "DB dashboard");
        f.put("links[0].url", "https://grafana.example.com/d/db");
        return f;
    }

    @Test
    void writingThroughTheFormMakesARevisionAndRendersSafely() {
        var saved = web.post(
                "/postmortems/" + id + "/edit",
                form(
                        "We **killed** the primary. <script>alert('x')</script> [see](javascript:alert(1)) <img src=x onerror=alert(1)>"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        String page = web.get("/postmortems/" + id).body();
        assertThat(page)
                .contains(
                        "<strong>killed</strong>",
                        "The replica lagged by 3 s under load",
                        "Promoted the replica by hand",
                        "https://grafana.example.com/d/db",
                        "gameday");
        String summary = page.substring(page.indexOf("id=\"text-summary\""));
        summary = summary.substring(0, summary.indexOf("</div>"));
        assertThat(summary)
                .doesNotContain("<script", "javascript:", "<img")
                .doesNotContainPattern("<[a-z][^>]*\\son[a-z]+=");
        assertThat(pm().content().factors()).hasSize(1);
        assertThat(pm().content().decisions())
                .singleElement()
                .extracting(PostmortemContent.Decision::decision)
                .isEqualTo("Promoted the replica by hand, then restarted the app, quickly");
    }

    @Test
    void aRefusedFormComesBackWithWhatWasTyped() {
        var f = form("A summary worth keeping");
        f.put("links[0].url", "ftp://nope");
        var r = web.post("/postmortems/" + id + "/edit", f);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"form-error\"", "A summary worth keeping", "links[0].url");
    }

    @Test
    void theLanguageCheckAnswersAsPeopleType() {
        var r = web.postHtmx(
                "/postmortems/language-check",
                Map.of("field", "summary", "summary", "Ops should have known; human error."));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"findings-summary\"", "should have", "human error", "class=\"prompt\"");
        var fr = web.postHtmx(
                "/postmortems/language-check",
                Map.of("field", "wasHard", "wasHard", "On aurait dû redémarrer plus tôt."));
        assertThat(fr.body()).contains("aurait dû");
        var clean = web.postHtmx(
                "/postmortems/language-check",
                Map.of("field", "summary", "summary", "The shoulder of the graph rose at 14:02."));
        assertThat(clean.body()).doesNotContain("<mark");
        // A factor row's findings replace the box the edit form gave it (an id a CSS selector can name).
        var factor = web.postHtmx(
                "/postmortems/language-check",
                Map.of("field", "factors[2].description", "factors[2].description", "human error again."));
        assertThat(factor.body()).contains("id=\"findings-factor-2\"", "human error");
        String form = web.get("/postmortems/" + id + "/edit").body();
        assertThat(form).contains("name=\"factors[0].description\"", "id=\"findings-factor-0\"");
    }

    @Test
    void revisionsAndDiffsArePages() {
        int first = pm().revision();
        web.post("/postmortems/" + id + "/edit", form("First version"));
        var second = form("Second version");
        web.post("/postmortems/" + id + "/edit", second);
        int last = pm().revision();
        String diff = web.get("/postmortems/" + id + "/diff?from=" + (last - 1) + "&to=" + last)
                .body();
        assertThat(diff).contains("diff-REMOVED", "First version", "diff-ADDED", "Second version");
        assertThat(web.get("/postmortems/" + id + "/revisions/" + first).status())
                .isEqualTo(200);
        assertThat(web.get("/postmortems/" + id).body()).contains("id=\"revisions\"");
    }

    @Autowired
    dev.kintsugi.incident.IncidentManagement incidents;

    @Test
    void theIncidentPageLinksToItsPostmortem() {
        String key = tx.execute(s -> Actor.runAs(
                name,
                Role.RESPONDER,
                () -> incidents
                        .declare(new dev.kintsugi.incident.DeclareIncident(
                                "Queue backlog",
                                null,
                                dev.kintsugi.incident.Severity.SEV4,
                                java.util.List.of(),
                                null,
                                null,
                                false,
                                null,
                                null))
                        .key()));
        assertThat(web.get("/cards/incident/postmortem?subject=" + key).body()).doesNotContain("postmortem-link");
        tx.executeWithoutResult(s -> Actor.runAs(
                name,
                Role.RESPONDER,
                () -> incidents.transition(
                        key, dev.kintsugi.incident.Transition.to(dev.kintsugi.incident.IncidentStatus.RESOLVED))));
        assertThat(web.get("/cards/incident/postmortem?subject=" + key).body())
                .contains("id=\"postmortem-link\"", "Post-mortem: Queue backlog");
        assertThat(web.get("/incidents/" + key).body()).contains("/cards/incident/postmortem?subject=" + key);
    }

    @Test
    void theDashboardShowsWhatIsBeingLearnt() {
        assertThat(web.get("/").body()).contains("/cards/dashboard/learning");
        String card = web.get("/cards/dashboard/learning").body();
        assertThat(card).contains("id=\"learning-card\"", "open countermeasures", "overdue");
    }

    @Test
    void workflowButtonsMoveItAlong() {
        web.post("/postmortems/" + id + "/edit", form("A clean summary of the exercise."));
        web.get("/postmortems/" + id); // reads the "saved" message
        assertThat(web.post("/postmortems/" + id + "/transition", Map.of("to", "IN_REVIEW"))
                        .status())
                .isEqualTo(302);
        assertThat(web.get("/postmortems/" + id).body()).contains("id=\"action-confirmed\"", "Sent to review");
        // too thin to publish: the page names what is missing
        assertThat(web.post("/postmortems/" + id + "/transition", Map.of("to", "PUBLISHED"))
                        .status())
                .isEqualTo(302);
        assertThat(web.get("/postmortems/" + id).body())
                .contains(
                        "id=\"action-error\"",
                        "Not ready to publish",
                        "id=\"missing-fields\"",
                        "a countermeasure, or why none");
        assertThat(pm().status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        // the facilitator sees no review form of their own; a colleague approves
        assertThat(web.get("/postmortems/" + id).body()).doesNotContain("id=\"review-form\"");
        tx.execute(s -> dev.kintsugi.platform.Actor.runAs(
                "admin", Role.ADMIN, () -> publication.approve(id, null, "Clear and blameless")));
        assertThat(web.get("/postmortems/" + id).body()).contains("id=\"review-decisions\"", "Clear and blameless");
        assertThat(web.post(
                                "/postmortems/" + id + "/transition",
                                Map.of("to", "PUBLISHED", "noCountermeasureReason", "An exercise: nothing to change"))
                        .status())
                .isEqualTo(302);
        assertThat(pm().status()).isEqualTo(PostmortemStatus.PUBLISHED);
        String published = web.get("/postmortems/" + id).body();
        assertThat(published)
                .contains("id=\"action-confirmed\"", "Published", "An exercise: nothing to change", "id=\"amend\"")
                .doesNotContain("id=\"edit-postmortem\"", "id=\"add-entry\"", "id=\"submit-review\"");
        // the edit page of a published post-mortem sends back with a message
        var edit = web.get("/postmortems/" + id + "/edit");
        assertThat(edit.status()).isEqualTo(302);
        assertThat(web.get("/postmortems/" + id).body()).contains("amend");
        web.post("/postmortems/" + id + "/transition", Map.of("to", "DRAFT"));
        assertThat(pm().status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(web.get("/postmortems/" + id).body()).contains("id=\"amending-notice\"");
    }
}
