package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every public answer (the page in both languages, an audience page and its feeds, both feeds, both JSON documents, the
 * subscribe form's answers, throttled or not) is scanned
 * for what must never leave the company: internal titles, descriptions and notes, private incidents, user names,
 * display names and e-mail addresses.
 */
class StatusPagePrivacyTest extends IntegrationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CatalogManagement catalog;

    @Test
    void nothingInternalReachesAnyPublicAnswer() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        String commander = createUser(unique("cmdr"), Role.RESPONDER, "password-cmdr-1234");
        ApiClient commanderApi = apiAs(commander);
        String comms = createUser(unique("comms"), Role.RESPONDER, "password-comms-1234");
        ApiClient commsApi = apiAs(comms);
        String team = unique("team");
        String service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Internal " + service, null, Tier.TIER_1, team, null, null, null));
        });
        assertThat(admin.put("/api/v1/status-page/components/" + service, Map.of("name", "Payments"))
                        .status())
                .isEqualTo(200);

        List<String> secrets = new ArrayList<>(List.of(
                commander,
                comms,
                "Test " + commander,
                "Test " + comms,
                commander + "@example.test",
                comms + "@example.test",
                "Internal " + service,
                team));
        String internalTitle = "INTERNAL-TITLE " + unique("t");
        String description = "INTERNAL-DESCRIPTION db password rotated " + unique("d");
        String note = "INTERNAL-NOTE " + unique("n");
        secrets.addAll(List.of(internalTitle, description, note));

        String key = declare(commanderApi, internalTitle, description, service, false);
        commanderApi.put("/api/v1/incidents/" + key + "/roles/communications", Map.of("username", comms));
        commanderApi.post("/api/v1/incidents/" + key + "/timeline", Map.of("body", note));
        var pub = commsApi.post(
                "/api/v1/status-page/incidents/" + key + "/updates",
                Map.of("status", "INVESTIGATING", "title", "Payments are slow", "body", "We are on it."));
        assertThat(pub.status()).as(pub.body()).isEqualTo(201);

        // published, then made private: it disappears
        String secretTitle = "LATER-PRIVATE " + unique("p");
        String later = declare(commanderApi, secretTitle, "x", service, false);
        commanderApi.put("/api/v1/incidents/" + later + "/roles/communications", Map.of("username", comms));
        String laterPublic = "LATER-PRIVATE-PUBLIC " + unique("q");
        assertThat(commsApi.post(
                                "/api/v1/status-page/incidents/" + later + "/updates",
                                Map.of("status", "INVESTIGATING", "title", laterPublic, "body", "x"))
                        .status())
                .isEqualTo(201);
        var priv = commanderApi.patch("/api/v1/incidents/" + later, Map.of("private", true));
        assertThat(priv.status()).as(priv.body()).isEqualTo(200);
        secrets.addAll(List.of(secretTitle, laterPublic, later));

        // never published
        String unpublished = "NEVER-PUBLISHED " + unique("u");
        declare(commanderApi, unpublished, "y", service, false);
        secrets.add(unpublished);

        var audience = admin.post(
                "/api/v1/status-page/audiences", Map.of("name", "ACME " + service, "services", List.of(service)));
        assertThat(audience.status()).as(audience.body()).isEqualTo(201);
        String link = audience.json().get("link").asString();
        secrets.add("ACME " + service);

        List<String> paths = List.of(
                "/status",
                "/status?lang=fr",
                link,
                link + "/feed.atom",
                link + "/feed.rss?lang=fr",
                "/status/feed.atom",
                "/status/feed.rss?lang=fr",
                "/status/api/v2/summary.json",
                "/status/api/v2/status.json");
        for (String path : paths) {
            var r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            if (!path.contains("status.json")) {
                assertThat(r.body()).as(path).contains("Payments");
            }
            for (String secret : secrets) {
                assertThat(r.body()).as(path + " must not contain " + secret).doesNotContain(secret);
            }
            assertThat(r.body()).as(path).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");
            assertThat(r.headers().firstValue("Set-Cookie"))
                    .as(path + " sets no cookie")
                    .isEmpty();
        }
        // the subscribe form's answers (sent, then over the throttle) echo nobody's address
        String client =
                "198.19." + java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 256) + ".9";
        for (int i = 0; i <= SubscribeThrottle.PER_EMAIL; i++) {
            var r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/status/subscribe"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Forwarded-For", client)
                            .POST(HttpRequest.BodyPublishers.ofString("email=" + comms + "%40example.test"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(i < SubscribeThrottle.PER_EMAIL ? 200 : 429);
            for (String secret : secrets) {
                assertThat(r.body())
                        .as("subscribe answer must not contain " + secret)
                        .doesNotContain(secret);
            }
            assertThat(r.body()).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");
        }
        // a wrong token shows nothing
        var wrong = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/status/a/" + "A".repeat(43)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(404);
    }

    private static String declare(ApiClient api, String title, String description, String service, boolean priv) {
        var r = api.post(
                "/api/v1/incidents",
                Map.of(
                        "title", title,
                        "description", description,
                        "severity", "SEV2",
                        "services", List.of(service),
                        "private", priv));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("key").asString();
    }
}
