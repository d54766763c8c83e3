package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The incident pages through a real session: dashboard, list filters, declare form errors, edits. */
class IncidentPageTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    WebSession web;
    String name;
    String service;
    String team;

    @BeforeEach
    void setUp() {
        name = unique("pages");
        createUser(name, Role.RESPONDER, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(null, null, "UTC", null)));
        web = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        team = unique("team");
        service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, null, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Svc " + service, null, Tier.TIER_2, team, null, null, null));
        });
    }

    private String declare(String title) {
        var r = web.post("/incidents", Map.of("title", title, "severity", "SEV2", "services", service));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return r.location().substring(r.location().lastIndexOf('/') + 1);
    }

    @Test
    void dashboardShowsOpenIncidentsAndTheTrend() {
        String key = declare("Dashboard shows me " + name);
        String html = web.get("/").body();
        assertThat(html).contains("id=\"open-by-severity\"", key, "Dashboard shows me " + name, "<svg");
    }

    @Test
    void listFiltersByServiceTeamAndText() {
        String key = declare("Listed " + name);
        assertThat(web.get("/incidents?service=" + service).body()).contains("/incidents/" + key + "\"");
        assertThat(web.get("/incidents?team=" + team).body()).contains("/incidents/" + key + "\"");
        assertThat(web.get("/incidents?q=Listed+" + name).body()).contains("/incidents/" + key + "\"");
        assertThat(web.get("/incidents?q=Listed+" + name + "&severity=SEV5").body())
                .as("the key as a link: the search box's placeholder mentions INC-42")
                .doesNotContain("/incidents/" + key + "\"");
    }

    @Test
    void onlyRespondersAreOfferedIncidentRoles() {
        String viewer = createUser(unique("viewer"), Role.VIEWER, "password-viewer-1");
        String responder = createUser(unique("responder"), Role.RESPONDER, "password-responder-1");
        String form = web.get("/incidents/new").body();
        assertThat(form).contains("value=\"" + responder + "\"").doesNotContain("value=\"" + viewer + "\"");

        String page = web.get("/incidents/" + declare("Roles offered " + name)).body();
        assertThat(page).contains("value=\"" + responder + "\"");
        assertThat(page.split("name=\"role\"", 2)[1].split("</form>", 2)[0])
                .as("the role picker")
                .doesNotContain("value=\"" + viewer + "\"");
    }

    @Test
    void declareFormShowsTheErrorAndKeepsWhatWasTyped() {
        var r = web.post(
                "/incidents", Map.of("title", "Kept title " + name, "severity", "SEV2", "services", "no-such-service"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"form-error\"", "no service named", "Kept title " + name);
        assertThat(apiAs(Role.VIEWER)
                        .get("/api/v1/incidents?q=Kept+title+" + name)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void editsParticipantsAndRefusedActions() {
        String key = declare("Editable " + name);
        assertThat(web.post(
                                "/incidents/" + key + "/edit",
                                Map.of("title", "Edited " + name, "description", "Now with **detail**"))
                        .status())
                .isEqualTo(302);
        String page = web.get("/incidents/" + key).body();
        assertThat(page).contains("Edited " + name, "<strong>detail</strong>");
        assertThat(web.post("/incidents/" + key + "/participants", Map.of("username", "admin"))
                        .status())
                .isEqualTo(302);
        assertThat(web.get("/incidents/" + key).body()).contains("Administrator");

        // An illegal move comes back as a message on the page, nothing changes.
        web.post("/incidents/" + key + "/transition", Map.of("to", "MONITORING"));
        var refused = web.post("/incidents/" + key + "/transition", Map.of("to", "IDENTIFIED"));
        assertThat(refused.status()).isEqualTo(302);
        String after = web.get("/incidents/" + key).body();
        assertThat(after).contains("id=\"action-error\"", "allowed next");
        assertThat(apiAs(Role.VIEWER)
                        .get("/api/v1/incidents/" + key)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("MONITORING");
    }

    @Test
    void notesPostedWithHtmxComeBackAsAFreshForm() {
        String key = declare("Notes " + name);
        var r = web.postHtmx("/incidents/" + key + "/notes", Map.of("body", "Cache flushed"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"note-form\"").doesNotContain("Cache flushed");
        assertThat(web.get("/incidents/" + key + "/timeline").body()).contains("Cache flushed");
        var empty = web.postHtmx("/incidents/" + key + "/notes", Map.of("body", " "));
        assertThat(empty.body()).contains("field-error");
    }

    @Test
    void theServicePageListsItsIncidents() {
        String key = declare("Service history " + name);
        assertThat(web.get("/cards/service/recent-incidents?subject=" + service).body())
                .contains("id=\"service-incidents\"", key);
        assertThat(web.get("/catalog/services/" + service).body())
                .contains("/cards/service/recent-incidents?subject=" + service);
    }

    @Test
    void pagesSpeakFrench() {
        String key = declare("En français " + name);
        assertThat(web.get("/incidents/" + key + "?lang=fr").body()).contains("Chronologie", "Jalons");
    }
}
