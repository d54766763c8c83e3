package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog pages as a browser uses them: logged in through the real form, forms posted with their CSRF token. */
class CatalogPageTest extends IntegrationTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private ApiClient api;

    @BeforeEach
    void data() {
        api = apiAs(Role.ADMIN);
    }

    @Test
    void theServiceListShowsACreatedService() throws Exception {
        String team = team();
        String service = service(team, "Checkout **API**");
        Browser browser = loginAs(Role.VIEWER);

        var page = browser.get("/catalog/services");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(service, "Display " + service, "/catalog/teams/" + team, "https://runbooks.example.test/")
                .contains("tier-TIER_2")
                .doesNotContain("id=\"new-service\""); // viewers cannot create

        var filtered = browser.get("/catalog/services?team=" + team + "&tier=TIER_1");
        assertThat(filtered.body()).doesNotContain("Display " + service);

        var details = browser.get("/catalog/services/" + service);
        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(details.body())
                .contains("<strong>API</strong>") // Markdown rendered
                .contains("data-card=\"service/recent-incidents\"")
                .contains("#team-" + team)
                .doesNotContain("id=\"edit-service\"", "id=\"delete-service\"");
    }

    @Test
    void theApiDescriptionListsTheCatalogEndpoints() throws Exception {
        var docs = loginAs(Role.VIEWER).get("/v3/api-docs", "en", "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("\"/api/v1/teams/{name}\"", "\"/api/v1/services\"", "\"Teams\"", "\"Services\"")
                .contains("Delete a team; refused (409, listing them) while it still owns services");
    }

    @Test
    void pagesAreInFrench() throws Exception {
        Browser browser = loginAs(Role.VIEWER);
        var page = browser.get("/catalog/teams", "fr");
        assertThat(page.body()).contains("Équipes", "Services gérés");
    }

    @Test
    void aNewServiceWithoutOwnerIsShownAgainWithTheErrorAndNothingIsCreated() throws Exception {
        Browser browser = loginAs(Role.RESPONDER);
        var form = browser.get("/catalog/services/new");
        assertThat(form.statusCode()).isEqualTo(200);
        String name = unique("page-svc");

        var answer = browser.post(
                "/catalog/services",
                csrf(form.body()),
                Map.of("name", name, "displayName", "Kept " + name, "tier", "TIER_3", "ownerTeam", ""));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains("id=\"service-form\"")
                .contains("class=\"field-error\"")
                .contains("must name the team that owns the service")
                .contains("value=\"" + name + "\"") // values kept
                .contains("value=\"Kept " + name + "\"");
        assertThat(api.get("/api/v1/services/" + name).status()).isEqualTo(404);
    }

    @Test
    void aResponderCreatesAndEditsAServiceThroughTheForms() throws Exception {
        String team = team();
        Browser browser = loginAs(Role.RESPONDER);
        String name = unique("page-svc");

        var created = browser.post(
                "/catalog/services",
                csrf(browser.get("/catalog/services/new").body()),
                Map.of("name", name, "displayName", "Web " + name, "tier", "TIER_1", "ownerTeam", team));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/catalog/services/" + name);
        assertThat(api.get("/api/v1/services/" + name).json().get("tier").asString())
                .isEqualTo("TIER_1");

        var edit = browser.get("/catalog/services/" + name + "/edit");
        assertThat(edit.body()).contains("value=\"Web " + name + "\"");
        var refused = browser.post(
                "/catalog/services/" + name,
                csrf(edit.body()),
                Map.of(
                        "name", name,
                        "displayName", "Changed",
                        "tier", "TIER_1",
                        "ownerTeam", team,
                        "runbookUrl", "javascript:alert(1)"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("must be an http(s) URL", "value=\"javascript:alert(1)\"");
        assertThat(api.get("/api/v1/services/" + name).json().get("displayName").asString())
                .isEqualTo("Web " + name);

        var saved = browser.post(
                "/catalog/services/" + name,
                csrf(edit.body()),
                Map.of("name", name, "displayName", "Changed", "tier", "TIER_4", "ownerTeam", team));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/services/" + name).json().get("tier").asString())
                .isEqualTo("TIER_4");

        // responders may not delete
        var delete = browser.post("/catalog/services/" + name + "/delete", csrf(edit.body()), Map.of());
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/services/" + name).status()).isEqualTo(200);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
        String team = team();
        Browser browser = loginAs(Role.RESPONDER);
        String name = unique("page-svc");
        var answer = browser.post("/catalog/services", null, Map.of("name", name, "tier", "TIER_3", "ownerTeam", team));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/services/" + name).status()).isEqualTo(404);
    }

    @Test
    void teamsAreCreatedShownAndDeletedOnlyWhenTheyOwnNothing() throws Exception {
        String member = createUser(unique("member"), Role.VIEWER, "password-long-enough");
        Browser admin = loginAs(Role.ADMIN);
        String name = unique("page-team");

        var unknown = admin.post(
                "/catalog/teams",
                csrf(admin.get("/catalog/teams/new").body()),
                Map.of("name", name, "displayName", "Squad", "members", member + ", ghost-" + name));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("no user named &#39;ghost-" + name + "&#39;", "class=\"field-error\"");
        assertThat(api.get("/api/v1/teams/" + name).status()).isEqualTo(404);

        var created = admin.post(
                "/catalog/teams",
                csrf(admin.get("/catalog/teams/new").body()),
                Map.of("name", name, "displayName", "Squad", "contactChannel", "#squad", "members", member));
        assertThat(created.statusCode()).isEqualTo(302);

        var page = admin.get("/catalog/teams/" + name);
        assertThat(page.body()).contains("Test " + member, "#squad", "id=\"delete-team\"");
        assertThat(admin.get("/catalog/teams").body()).contains("/catalog/teams/" + name);

        String service = service(name, "owned");
        var refused = admin.post("/catalog/teams/" + name + "/delete", csrf(page.body()), Map.of());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(admin.get("/catalog/teams/" + name).body()).contains(service, "alert-error");
        assertThat(api.get("/api/v1/teams/" + name).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/services/" + service).status()).isEqualTo(204);
        var deleted = admin.post("/catalog/teams/" + name + "/delete", csrf(page.body()), Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/teams/" + name).status()).isEqualTo(404);
    }

    // ---- a tiny browser ----

    private String team() {
        String name = unique("page-team");
        var r = api.post(
                "/api/v1/teams",
                Map.of("name", name, "displayName", "Team " + name, "contactChannel", "#team-" + name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private String service(String team, String description) {
        String name = unique("page-svc");
        var r = api.post(
                "/api/v1/services",
                Map.of(
                        "name",
                        name,
                        "displayName",
                        "Display " + name,
                        "description",
                        description,
                        "tier",
                        "TIER_2",
                        "ownerTeam",
                        team,
                        "runbookUrl",
                        "https://runbooks.example.test/" + name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a _csrf hidden input").isTrue();
        return m.group(1);
    }

    /** Logs a fresh user of this role in through GET /login and POST /login, keeping the session cookie. */
    private Browser loginAs(Role role) throws Exception {
        String username = unique(role.name().toLowerCase().replace('_', '-'));
        String password = "password-" + username;
        createUser(username, role, password);
        Browser browser = new Browser(baseUrl());
        var login = browser.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        var answer = browser.post("/login", csrf(login.body()), Map.of("username", username, "password", password));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    private record Browser(String baseUrl, HttpClient http) {
        Browser(String baseUrl) {
            this(
                    baseUrl,
                    HttpClient.newBuilder()
                            .cookieHandler(new CookieManager())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return get(path, "en");
        }

        HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
            return get(path, language, "text/html");
        }

        HttpResponse<String> get(String path, String language, String accept) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Accept", accept)
                            .header("Accept-Language", language)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String csrf, Map<String, String> fields)
                throws IOException, InterruptedException {
            Map<String, String> all = new LinkedHashMap<>(fields);
            if (csrf != null) {
                all.put("_csrf", csrf);
            }
            String form = all.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
