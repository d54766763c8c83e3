package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The public page end to end: components, publishing from an incident, the page, its JSON and feeds. */
class StatusPageTest extends IntegrationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CatalogManagement catalog;

    ApiClient admin;
    ApiClient responder;
    String comms;
    ApiClient commsApi;
    String service;
    String publicName;

    @BeforeEach
    void setUp() {
        admin = apiAs(Role.ADMIN);
        responder = apiAs(Role.RESPONDER);
        comms = createUser(unique("comms"), Role.RESPONDER, "password-comms-1234");
        commsApi = apiAs(comms);
        String team = unique("team");
        service = unique("svc");
        publicName = "Public " + service;
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
        var put = admin.put(
                "/api/v1/status-page/components/" + service,
                Map.of("name", publicName, "group", "Shop " + service, "description", "Paying for orders"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    String declare(String title, String severity, boolean privateIncident) {
        var r = responder.post(
                "/api/v1/incidents",
                Map.of(
                        "title", title,
                        "severity", severity,
                        "services", List.of(service),
                        "private", privateIncident));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String key = r.json().get("key").asString();
        var role = responder.put("/api/v1/incidents/" + key + "/roles/communications", Map.of("username", comms));
        assertThat(role.status()).as(role.body()).isEqualTo(200);
        return key;
    }

    static HttpResponse<String> get(String url, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode component(JsonNode summary) {
        for (JsonNode c : summary.get("components")) {
            if (c.get("name").asString().equals(publicName)) {
                return c;
            }
        }
        throw new AssertionError("component " + publicName + " not in " + summary);
    }

    @Test
    void anIncidentAppearsOnlyOnceItsCommunicationsLeadPublishesIt() throws Exception {
        String internal = "Internal: db-7 primary lost quorum " + unique("x");
        String key = declare(internal, "SEV1", false);

        var page = get(baseUrl() + "/status");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(publicName).doesNotContain(internal);
        // not published: the component stays operational
        var summary = anonymousApi().get("/status/api/v2/summary.json").json();
        assertThat(component(summary).get("status").asString()).isEqualTo("operational");

        // a responder who is not the communications lead may not publish
        var refused = responder.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "INVESTIGATING", "title", "Payments failing", "body", "Looking"));
        assertThat(refused.status()).isEqualTo(403);
        // the first update needs a public title
        var noTitle = commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates", Map.of("status", "INVESTIGATING", "body", "x"));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.body()).contains("title");

        String publicTitle = "Payments are failing " + unique("p");
        var published = commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of(
                        "status",
                        "INVESTIGATING",
                        "title",
                        publicTitle,
                        "body",
                        "We are looking into failed payments."));
        assertThat(published.status()).as(published.body()).isEqualTo(201);

        page = get(baseUrl() + "/status");
        assertThat(page.body())
                .contains(publicTitle, "We are looking into failed payments.", "Major outage")
                .doesNotContain(internal, comms);
        summary = anonymousApi().get("/status/api/v2/summary.json").json();
        assertThat(component(summary).get("status").asString()).isEqualTo("major_outage");
        assertThat(summary.get("status").get("indicator").asString()).isEqualTo("critical");
        JsonNode incident = null;
        for (JsonNode i : summary.get("incidents")) {
            if (i.get("name").asString().equals(publicTitle)) {
                incident = i;
            }
        }
        assertThat(incident).isNotNull();
        assertThat(incident.get("status").asString()).isEqualTo("investigating");
        assertThat(incident.get("impact").asString()).isEqualTo("critical");
        assertThat(incident.get("incident_updates").get(0).get("body").asString())
                .isEqualTo("We are looking into failed payments.");
        assertThat(incident.get("components").get(0).get("name").asString()).isEqualTo(publicName);

        // a templated update reads in the visitor's language
        var templated = commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates", Map.of("status", "IDENTIFIED", "templated", true));
        assertThat(templated.status()).as(templated.body()).isEqualTo(201);
        assertThat(get(baseUrl() + "/status?lang=en").body())
                .contains("We have identified the cause of the problems with " + publicName);
        var fr = get(baseUrl() + "/status", "Accept-Language", "fr-FR,fr;q=0.9");
        assertThat(fr.body())
                .contains("Nous avons identifié la cause des problèmes sur " + publicName, "Panne majeure")
                .contains("lang=\"fr\"");

        // resolved: the incident moves to the past incidents with its public summary
        commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "RESOLVED", "body", "Payments work again."));
        var pi = commsApi.get("/api/v1/status-page/incidents/" + key);
        assertThat(pi.status()).isEqualTo(200);
        var sum = commsApi.withHeader(
                        "If-Match", "\"" + pi.json().get("version").asLong() + "\"")
                .put(
                        "/api/v1/status-page/incidents/" + key + "/summary",
                        Map.of("summary", "A **database failover** took *12 minutes*."));
        assertThat(sum.status()).as(sum.body()).isEqualTo(200);
        page = get(baseUrl() + "/status");
        assertThat(page.body()).contains("<strong>database failover</strong>", "Payments work again.");
        summary = anonymousApi().get("/status/api/v2/summary.json").json();
        assertThat(summary.get("incidents").toString()).doesNotContain(publicTitle);
    }

    @Test
    void aPrivateIncidentIsNeverPublished() throws Exception {
        String key = declare("Secret " + unique("s"), "SEV1", true);
        var r = admin.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "INVESTIGATING", "title", "Should not show", "body", "x"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(get(baseUrl() + "/status").body()).doesNotContain("Should not show");
    }

    @Test
    void thePageIsCacheableAndConditional() throws Exception {
        var first = get(baseUrl() + "/status?tz=Europe/Paris");
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "max-age=");
        assertThat(first.body()).contains("Europe/Paris");
        var again = get(baseUrl() + "/status?tz=Europe/Paris", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        // a change drops the cached page: the ETag changes
        admin.put("/api/v1/status-page/components/" + service, Map.of("name", publicName + " renamed"));
        var changed = get(baseUrl() + "/status?tz=Europe/Paris", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains(publicName + " renamed");
        // an unknown zone falls back to UTC, shown
        assertThat(get(baseUrl() + "/status?tz=Mars/Olympus").body()).contains("Times in UTC");
    }

    @Test
    void overridesAndMaintenanceShowOnTheComponent() throws Exception {
        var c = admin.get("/api/v1/status-page/components");
        assertThat(c.status()).isEqualTo(200);
        var o = admin.put("/api/v1/status-page/components/" + service + "/override", Map.of("state", "PARTIAL_OUTAGE"));
        assertThat(o.status()).as(o.body()).isEqualTo(200);
        assertThat(component(anonymousApi().get("/status/api/v2/summary.json").json())
                        .get("status")
                        .asString())
                .isEqualTo("partial_outage");
        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("state", null);
        admin.put("/api/v1/status-page/components/" + service + "/override", clear);
        var m = admin.post(
                "/api/v1/status-page/maintenances",
                Map.of(
                        "title",
                        "Database upgrade " + service,
                        "startsAt",
                        "2000-01-01T00:00:00Z",
                        "endsAt",
                        "2999-01-01T00:00:00Z",
                        "services",
                        List.of(service)));
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        var summary = anonymousApi().get("/status/api/v2/summary.json").json();
        assertThat(component(summary).get("status").asString()).isEqualTo("under_maintenance");
        assertThat(summary.get("scheduled_maintenances").toString())
                .contains("Database upgrade " + service, "in_progress");
        var viewer = apiAs(Role.VIEWER);
        assertThat(viewer.post("/api/v1/status-page/maintenances", Map.of()).status())
                .isEqualTo(403);
        assertThat(admin.delete("/api/v1/status-page/maintenances/"
                                + m.json().get("id").asLong())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void feedsAreValidAtomAndRss() throws Exception {
        String key = declare("Internal feed " + unique("f"), "SEV2", false);
        String title = "Search is slow " + unique("t");
        commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "INVESTIGATING", "title", title, "body", "Searches take long."));
        for (String f : List.of("atom", "rss")) {
            var r = get(baseUrl() + "/status/feed." + f);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains(f + "+xml");
            SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
            assertThat(feed.getEntries())
                    .anySatisfy(e -> assertThat(e.getTitle()).isEqualTo(title + " — Investigating"));
        }
        var status = anonymousApi().get("/status/api/v2/status.json").json();
        assertThat(status.get("page").get("name").asString()).isNotBlank();
        assertThat(status.get("status").get("indicator").asString())
                .isIn("none", "minor", "major", "critical", "maintenance");
    }
}
