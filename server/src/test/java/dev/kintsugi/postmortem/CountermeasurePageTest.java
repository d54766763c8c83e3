package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.WebSession;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The countermeasure pages: the organisation-wide list with filters, and the post-mortem's htmx fragment. */
class CountermeasurePageTest extends PostmortemFixtures {

    private static Map<String, String> form(String title, String owner, LocalDate due) {
        Map<String, String> f = new HashMap<>();
        f.put("title", title);
        f.put("kind", "AUTOMATED_TEST");
        f.put("ownerUser", owner);
        f.put("ownerTeam", "");
        f.put("dueDate", due.toString());
        f.put("priority", "P2");
        return f;
    }

    @Test
    void theFragmentAddsCountermeasuresRefusesTryHarderAndChangesStatus() {
        String author = responder();
        Postmortem pm = draft(author);
        WebSession web = WebSession.loggedIn(baseUrl(), author, "password-" + author);
        String path = "/postmortems/" + pm.id() + "/countermeasures";

        var empty = web.get(path);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body())
                .contains("id=\"countermeasures\"")
                .contains("No countermeasure yet")
                .contains("hx-post=\"" + path + "\"")
                .doesNotContain("<html");

        var refused = web.postHtmx(path, form("Be more careful with the config", author, LocalDate.now()));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Title: ").contains("try harder").contains("No countermeasure yet");

        String title = unique("Contract test for the PSP API");
        var added = web.postHtmx(path, form(title, author, LocalDate.now().plusDays(5)));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains(title).doesNotContain("No countermeasure yet");
        long id = tx.execute(s -> countermeasures.of(pm.id())).isEmpty()
                ? -1
                : as(
                        author,
                        Role.RESPONDER,
                        () -> countermeasures.of(pm.id()).get(0).id());

        var noReason = web.postHtmx(path + "/" + id + "/status", Map.of("status", "WONT_DO", "reason", ""));
        assertThat(noReason.body()).contains("at least 10 characters");
        var wontDo = web.postHtmx(
                path + "/" + id + "/status",
                Map.of("status", "WONT_DO", "reason", "Covered by the new gateway's own suite"));
        assertThat(wontDo.body()).contains("Covered by the new gateway").contains("cm-st-WONT_DO");
        assertThat(apiAs(author)
                        .get("/api/v1/countermeasures/" + id)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("WONT_DO");

        // a viewer reads the fragment without forms and may not post
        String viewer = unique("viewer");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        WebSession viewerWeb = WebSession.loggedIn(baseUrl(), viewer, "password-" + viewer);
        var read = viewerWeb.get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains(title).doesNotContain("<form");
        assertThat(viewerWeb
                        .postHtmx(path, form(unique("Canary"), author, LocalDate.now()))
                        .status())
                .isEqualTo(403);
        assertThat(viewerWeb
                        .postHtmx(path + "/" + id + "/status", Map.of("status", "OPEN"))
                        .status())
                .isEqualTo(403);
        assertThat(new WebSession(baseUrl()).get(path).status()).isEqualTo(302);
    }

    @Test
    void theOrganisationWideListFiltersAndHighlightsOverdueOnes() {
        String member = responder();
        String team = team(member);
        Postmortem pm = draft(member);
        String late = unique("Alert on the queue depth");
        String later = unique("Runbook for the queue");
        as(member, Role.RESPONDER, () -> {
            countermeasures.create(
                    pm.id(),
                    new CountermeasureDraft(
                            late,
                            null,
                            CountermeasureKind.TELEMETRY_OR_ALERT,
                            member,
                            null,
                            LocalDate.now().minusDays(2),
                            null,
                            null,
                            null,
                            null));
            return countermeasures.create(
                    pm.id(),
                    new CountermeasureDraft(
                            later,
                            null,
                            CountermeasureKind.RUNBOOK_OR_DOCUMENTATION,
                            null,
                            team,
                            LocalDate.now().plusDays(30),
                            null,
                            null,
                            null,
                            null));
        });
        String viewer = unique("viewer");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        WebSession web = WebSession.loggedIn(baseUrl(), viewer, "password-" + viewer);

        var byTeam = web.get("/countermeasures?team=" + team);
        assertThat(byTeam.status()).isEqualTo(200);
        assertThat(byTeam.body()).contains(late).contains(later).contains("class=\"cm-overdue\"");
        // each title leads to its countermeasure on the post-mortem's page
        assertThat(byTeam.body()).contains("href=\"/postmortems/" + pm.id() + "#cm-");
        // the post-mortem page says "Countermeasures" once, in the panel it loads
        String page = web.get("/postmortems/" + pm.id()).body();
        assertThat(page).doesNotContain(">Countermeasures</h2>");
        assertThat(web.get("/postmortems/" + pm.id() + "/countermeasures").body())
                .containsOnlyOnce(">Countermeasures</h2>");
        var overdue = web.get("/countermeasures?team=" + team + "&overdue=true");
        assertThat(overdue.body()).contains(late).doesNotContain(later);
        var byKind = web.get("/countermeasures?team=" + team + "&kind=RUNBOOK_OR_DOCUMENTATION");
        assertThat(byKind.body()).contains(later).doesNotContain(late);
        var done = web.get("/countermeasures?team=" + team + "&status=DONE");
        assertThat(done.body()).doesNotContain(later).doesNotContain(late).contains("No countermeasure matches");
        assertThat(web.get("/countermeasures?status=NONSENSE").status()).isEqualTo(200);
    }
}
