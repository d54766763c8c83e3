package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Drafts;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The post-mortem's facilitator writes the public summary from the post-mortem page (slot {@code postmortem}):
 * through the real form with its CSRF token, checked on the server, sanitised on the status page.
 */
class PublicSummaryFromPostmortemTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Test
    void theFacilitatorPublishesTheSummaryFromThePostmortemPage() {
        ApiClient admin = apiAs(Role.ADMIN);
        String team = unique("team");
        String service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
        assertThat(admin.put("/api/v1/status-page/components/" + service, Map.of("name", "Public " + service))
                        .status())
                .isEqualTo(200);
        String comms = createUser(unique("comms"), Role.RESPONDER, "password-comms-1234");
        String facilitator = createUser(unique("facil"), Role.RESPONDER, "password-facil-1234");
        String other = createUser(unique("other"), Role.RESPONDER, "password-other-1234");
        String key = admin.post(
                        "/api/v1/incidents",
                        Map.of("title", "Internal " + service, "severity", "SEV2", "services", List.of(service)))
                .json()
                .get("key")
                .asString();
        admin.put("/api/v1/incidents/" + key + "/roles/communications", Map.of("username", comms));
        admin.put("/api/v1/incidents/" + key + "/roles/commander", Map.of("username", facilitator));
        String publicTitle = "Checkout was slow " + service;
        var first = apiAs(comms)
                .post(
                        "/api/v1/status-page/incidents/" + key + "/updates",
                        Map.of("status", "INVESTIGATING", "title", publicTitle, "templated", true));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        var resolved = admin.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "RESOLVED"));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(apiAs(comms)
                        .post(
                                "/api/v1/status-page/incidents/" + key + "/updates",
                                Map.of("status", "RESOLVED", "templated", true))
                        .status())
                .isEqualTo(201);
        long pm = Drafts.of(admin, key); // drafted with the commander as facilitator

        WebSession web = WebSession.loggedIn(baseUrl(), facilitator, "password-facil-1234");
        assertThat(web.get("/postmortems/" + pm).body()).contains("/cards/postmortem/public-summary?subject=" + pm);
        String card = web.get("/cards/postmortem/public-summary?subject=" + pm).body();
        assertThat(card).contains("id=\"public-summary-card\"", "id=\"sp-pm-summary\"", "id=\"sp-summary-none\"");

        String summary = "Payments were **slow** for 20 minutes. <script>alert('x')</script>";
        var forged = web.postWithoutCsrf(
                "/statuspage/postmortems/" + pm + "/summary", Map.of("summary", summary, "version", "0"));
        assertThat(forged.status()).isEqualTo(403);
        web.get("/postmortems/" + pm); // the form's CSRF token
        var saved = web.post(
                "/statuspage/postmortems/" + pm + "/summary",
                Map.of("summary", summary, "version", version(admin, key)));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/postmortems/" + pm + "#public-summary-card");
        assertThat(web.get("/postmortems/" + pm).body()).contains("Public summary saved.");
        card = web.get("/cards/postmortem/public-summary?subject=" + pm).body();
        assertThat(card).contains("<strong>slow</strong>").doesNotContain("<script>");

        String status = anonymousApi().get("/status").body();
        assertThat(status).contains(publicTitle, "<strong>slow</strong>").doesNotContain("<script>alert");

        // a responder who is neither the facilitator nor the communications lead reads it but may not write it
        WebSession otherWeb = WebSession.loggedIn(baseUrl(), other, "password-other-1234");
        String theirs =
                otherWeb.get("/cards/postmortem/public-summary?subject=" + pm).body();
        assertThat(theirs).contains("id=\"sp-summary-read-only\"").doesNotContain("id=\"sp-pm-summary\"");
        otherWeb.get("/postmortems/" + pm);
        var refused = otherWeb.post(
                "/statuspage/postmortems/" + pm + "/summary",
                Map.of("summary", "Nothing happened", "version", version(admin, key)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(apiAs(other)
                        .put("/api/v1/status-page/incidents/" + key + "/summary", Map.of("summary", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(anonymousApi().get("/status").body()).doesNotContain("Nothing happened");

        // the facilitator may also use the API, with If-Match
        var api = apiAs(facilitator)
                .withHeader("If-Match", "\"" + version(admin, key) + "\"")
                .put("/api/v1/status-page/incidents/" + key + "/summary", Map.of("summary", "Slow payments, fixed."));
        assertThat(api.status()).as(api.body()).isEqualTo(200);

        // French
        WebSession french = WebSession.loggedIn(baseUrl(), facilitator, "password-facil-1234");
        String fr = french.get("/cards/postmortem/public-summary?subject=" + pm, Map.of("Accept-Language", "fr"))
                .body();
        assertThat(fr).contains("Résumé public", "Publier le résumé public");
    }

    private static String version(ApiClient admin, String key) {
        return admin.get("/api/v1/status-page/incidents/" + key)
                .json()
                .get("version")
                .asString();
    }
}
