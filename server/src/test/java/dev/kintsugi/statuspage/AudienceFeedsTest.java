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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An audience's page and feeds: Atom and RSS valid, its components' updates only, linked from its page, whose
 * subscribe form follows its components only; a wrong token is 404.
 */
class AudienceFeedsTest extends IntegrationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CatalogManagement catalog;

    @Test
    void anAudienceFeedCarriesItsComponentsUpdatesOnly() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        String team = unique("team");
        String shown = unique("svc");
        String other = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            for (String svc : List.of(shown, other)) {
                catalog.createService(
                        new ServiceDraft(svc, "Service " + svc, null, Tier.TIER_1, team, null, null, null));
            }
        });
        for (String svc : List.of(shown, other)) {
            assertThat(admin.put("/api/v1/status-page/components/" + svc, Map.of("name", "Public " + svc))
                            .status())
                    .isEqualTo(200);
        }
        String shownTitle = "Shown outage " + shown;
        String otherTitle = "Other outage " + other;
        publish(admin, shown, shownTitle);
        publish(admin, other, otherTitle);
        var audience = admin.post(
                "/api/v1/status-page/audiences", Map.of("name", "Partner " + shown, "services", List.of(shown)));
        assertThat(audience.status()).as(audience.body()).isEqualTo(201);
        String link = audience.json().get("link").asString();

        String page = get(link).body();
        assertThat(page).contains(link + "/feed.atom", link + "/feed.rss").doesNotContain("/status/feed.atom");
        // its subscribe form follows its components only
        long shownId = catalog.findService(shown).orElseThrow().id();
        long otherId = catalog.findService(other).orElseThrow().id();
        assertThat(page)
                .contains("id=\"subscribe\"", "type=\"hidden\" name=\"services\" value=\"" + shownId + "\"")
                .doesNotContain("value=\"" + otherId + "\"");
        for (String feed : List.of("/feed.atom", "/feed.rss?lang=fr")) {
            var r = get(link + feed);
            assertThat(r.statusCode()).as(feed).isEqualTo(200);
            SyndFeed parsed = new SyndFeedInput().build(new StringReader(r.body()));
            assertThat(parsed.getEntries()).as(feed).isNotEmpty();
            assertThat(parsed.getEntries())
                    .allSatisfy(e -> assertThat(e.getTitle()).doesNotContain(otherTitle));
            assertThat(parsed.getEntries().stream().map(e -> e.getTitle()).toList())
                    .anySatisfy(t -> assertThat(t).contains(shownTitle));
            assertThat(r.body()).doesNotContain(otherTitle);
        }
        // the whole page's feed has both
        assertThat(get("/status/feed.atom").body()).contains(shownTitle, otherTitle);
        assertThat(get("/status/a/" + "B".repeat(43) + "/feed.atom").statusCode())
                .isEqualTo(404);
    }

    private void publish(ApiClient admin, String service, String title) {
        var declared = admin.post(
                "/api/v1/incidents",
                Map.of("title", "Internal " + service, "severity", "SEV3", "services", List.of(service)));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        var r = admin.post(
                "/api/v1/status-page/incidents/" + declared.json().get("key").asString() + "/updates",
                Map.of("status", "INVESTIGATING", "title", title, "templated", true));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
