package dev.kintsugi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Walks every page in French (a user whose language is French) in headless Chromium and finds no visible text
 * that is an English bundle value differing from its French one: a page showing one has text left untranslated
 * or a hard-coded English string.
 */
class FrenchPagesBrowserTest extends IntegrationTest {
    /** Same in both languages by nature: proper nouns and product names. */
    private static final Set<String> PROPER_NOUNS = Set.of("Kintsugi", "Markdown", "Slack", "GitHub");

    /** An enum's name shown as is (MANUAL, IN_REVIEW, TELEMETRY_OR_ALERT): a code, not interface text. */
    private static final java.util.regex.Pattern RAW_CODE =
            java.util.regex.Pattern.compile("[A-Z]{2,}(_[A-Z]+)+|[A-Z]{4,}");

    /** Upper-case words that are words in both languages (or what someone typed). */
    private static final Set<String> ACRONYMS = Set.of("HTML", "JSON", "HTTP", "HTTPS", "UTC", "TIER");

    private WebDriver browser;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageInFrenchShowsNoEnglishBundleText() throws IOException {
        Set<String> english = englishOnlyValues();
        // what people named things (other tests' data included) is data, not interface text
        english.removeAll(jdbc.sql("""
                        select display_name from catalog_team union select display_name from catalog_service
                        union select title from incident union select display_name from platform_user
                        union select title from postmortem""").query(String.class).list());
        assertThat(english).contains("Open incidents", "Declare incident", "Not found");

        String name = unique("fr");
        createUser(name, Role.ADMIN, "password-" + name);
        tx.executeWithoutResult(s -> users.updateProfile(
                name, new UserManagement.ProfileChange("Camille Martin", null, "Europe/Paris", "fr")));
        String viewer = unique("frv");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        tx.executeWithoutResult(s -> users.updateProfile(
                viewer, new UserManagement.ProfileChange("Dominique Petit", null, "Europe/Paris", "fr")));

        ApiClient api = apiAs(name);
        String team = unique("equipe");
        assertThat(api.post("/api/v1/teams", Map.of("name", team, "displayName", "Équipe paiements"))
                        .status())
                .isEqualTo(201);
        String service = unique("paiement");
        var created = api.post(
                "/api/v1/services",
                Map.of("name", service, "displayName", "Paiements", "tier", "TIER_1", "ownerTeam", team));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var declared = api.post(
                "/api/v1/incidents",
                Map.of("title", "Paiements en échec", "severity", "SEV2", "services", List.of(service)));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String key = declared.json().get("key").asString();
        api.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"));
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("body", "Retour arrière de la passerelle"));
        api.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "RESOLVED"));
        var pm = api.post("/api/v1/postmortems", Map.of("origin", "NEAR_MISS", "title", "Presque une panne"));
        // the incident's own draft, written, with a countermeasure, sent to review: every post-mortem card shows
        long draft = dev.kintsugi.support.Drafts.of(api, key);
        int revision =
                api.get("/api/v1/postmortems/" + draft).json().get("revision").asInt();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("title", "Paiements en échec");
        content.put("facilitator", name);
        content.put("summary", "La passerelle a refusé les paiements pendant vingt minutes.");
        content.put("customerImpact", "Un paiement sur dix a échoué.");
        content.put("services", List.of(service));
        content.put("factors", List.of(Map.of("category", "TECHNICAL", "description", "Le pool était trop petit")));
        content.put("decisions", List.of(Map.of("decision", "Retour arrière", "whyItMadeSense", "Rapide et sûr")));
        assertThat(api.put("/api/v1/postmortems/" + draft, Map.of("basedOnRevision", revision, "content", content))
                        .status())
                .isEqualTo(200);
        var cm = api.post(
                "/api/v1/postmortems/" + draft + "/countermeasures",
                Map.of(
                        "title",
                        "Alerter quand le pool est plein",
                        "kind",
                        "TELEMETRY_OR_ALERT",
                        "ownerTeam",
                        team,
                        "dueDate",
                        "2099-01-31",
                        "priority",
                        "P2"));
        assertThat(cm.status()).as(cm.body()).isEqualTo(201);
        var review = api.post("/api/v1/postmortems/" + draft + "/transitions", Map.of("to", "IN_REVIEW"));
        assertThat(review.status()).as(review.body()).isEqualTo(200);

        browser = Browsers.start();
        Map<String, List<String>> found = new LinkedHashMap<>();
        // the check itself finds English: the login page asked in English shows bundle values
        browser.get(baseUrl() + "/login?lang=en");
        assertThat(englishOn(english)).contains("Log in", "Password");
        browser.get(baseUrl() + "/login?lang=fr");
        found.put("/login", englishOn(english));
        login(name);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "/");
        pages.put("/incidents", "/incidents");
        pages.put("/incidents/new", "/incidents/new");
        pages.put("/incidents/{key}", "/incidents/" + key);
        pages.put("/catalog/services", "/catalog/services");
        pages.put("/catalog/services/new", "/catalog/services/new");
        pages.put("/catalog/services/{name}", "/catalog/services/" + service);
        pages.put("/catalog/services/{name}/edit", "/catalog/services/" + service + "/edit");
        pages.put("/catalog/teams", "/catalog/teams");
        pages.put("/catalog/teams/new", "/catalog/teams/new");
        pages.put("/catalog/teams/{name}", "/catalog/teams/" + team);
        pages.put("/catalog/teams/{name}/edit", "/catalog/teams/" + team + "/edit");
        pages.put("/profile", "/profile");
        pages.put("/profile/password", "/profile/password");
        pages.put("/admin/users", "/admin/users");
        pages.put("/admin/audit", "/admin/audit");
        pages.put("404 (unknown address)", "/no-such-page");
        pages.put("404 (unknown incident)", "/incidents/INC-999999");
        pages.put("/postmortems", "/postmortems");
        pages.put("/postmortems/new", "/postmortems/new");
        pages.put("/countermeasures", "/countermeasures");
        assertThat(pm.status()).as(pm.body()).isEqualTo(201);
        long id = pm.json().get("id").asLong();
        pages.put("/postmortem", "/postmortems/" + id);
        pages.put("/postmortem/edit", "/postmortems/" + id + "/edit");
        pages.put("/postmortem (in review)", "/postmortems/" + draft);
        pages.put("/postmortem/diff", "/postmortems/" + draft + "/diff?from=1&to=2");
        pages.put("/postmortem/revisions/{n}", "/postmortems/" + draft + "/revisions/2");
        pages.put("/postmortems?status=IN_REVIEW", "/postmortems?status=IN_REVIEW");
        pages.put("/alerts", "/alerts");
        pages.put("/alerts/integrations", "/alerts/integrations");
        pages.put("/alerts/catalog", "/alerts/catalog");
        pages.put("/alerts/catalog/new", "/alerts/catalog/new");
        pages.put("/alerts/undocumented", "/alerts/undocumented");
        pages.put("/alerts/silences", "/alerts/silences");
        pages.put("/chaos/hub", "/chaos/hub");
        pages.put("/chaos/hub/{id}", "/chaos/hub/scale-to-zero?service=" + service);
        pages.put("/chaos/hub/new", "/chaos/hub/new");
        pages.put("/oncall", "/oncall");
        pages.put("/oncall/new/schedule", "/oncall/new/schedule");
        pages.put("/oncall/new/policy", "/oncall/new/policy");
        pages.put("/oncall/me/contact-methods", "/oncall/me/contact-methods");
        pages.put("/search", "/search?type=incident");
        pages.put("/search/help", "/search/help");
        pages.put("/admin/search", "/admin/search");
        pages.put("/insights", "/insights");
        pages.put("/chaos/monkey", "/chaos/monkey?service=" + service);
        pages.put("/admin/status", "/admin/status");
        pages.put("/admin/status/sharing", "/admin/status/sharing");
        pages.put("/status", "/status");
        var gameday = api.post(
                "/api/v1/gamedays",
                Map.of("title", "Répétition de la paie", "mode", "BLIND", "startsAt", "2026-03-10T09:00:00Z"));
        assertThat(gameday.status()).as(gameday.body()).isEqualTo(201);
        long gamedayId = gameday.json().path("id").asLong();
        api.post("/api/v1/gamedays/" + gamedayId + "/teams", Map.of("name", "rouge"));
        api.post(
                "/api/v1/gamedays/" + gamedayId + "/injects",
                Map.of("title", "Les clients se plaignent", "kind", "TABLETOP", "body", "Le paiement tourne sans fin"));
        api.post("/api/v1/gamedays/" + gamedayId + "/start", null);
        pages.put("/gamedays", "/gamedays");
        pages.put("/gamedays/{id}", "/gamedays/" + gamedayId);
        pages.put("/gamedays/{id}/scoreboard", "/gamedays/" + gamedayId + "/scoreboard");
        pages.put("/gamedays/{id}/debrief", "/gamedays/" + gamedayId + "/debrief");
        for (var page : pages.entrySet()) {
            browser.get(baseUrl() + page.getValue());
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .as(page.getKey())
                    .isEqualTo("fr");
            found.put(page.getKey(), englishOn(english));
        }

        // the 403 page, as a viewer: it keeps the navigation and names the role the page needs
        browser.manage().deleteAllCookies();
        login(viewer);
        browser.get(baseUrl() + "/incidents/new");
        found.put("403 (page rule)", englishOn(english));
        assertThat(browser.findElement(By.id("error-text")).getText()).contains("Intervenant");
        assertThat(browser.findElements(By.cssSelector("nav.mainnav"))).isNotEmpty();
        browser.get(baseUrl() + "/admin/users");
        found.put("403 (address rule)", englishOn(english));
        // refused by an address rule (Spring Security's filter, before any controller): named all the same
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("Accès refusé");
        assertThat(browser.findElement(By.id("error-text")).getText()).contains("Administrateur");
        browser.get(baseUrl() + "/no-such-page");
        assertThat(browser.findElements(By.cssSelector("nav.mainnav")))
                .as("the 404 page keeps the navigation")
                .isNotEmpty();

        Map<String, List<String>> failing = new LinkedHashMap<>();
        found.forEach((page, texts) -> {
            if (!texts.isEmpty()) {
                failing.put(page, texts);
            }
        });
        assertThat(failing).as("English text on French pages").isEmpty();
    }

    private void login(String username) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("password-" + username);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(baseUrl() + "/"));
    }

    /** The visible texts of the current page (text nodes, placeholders, titles, button values) that are English. */
    private List<String> englishOn(Set<String> english) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const out = [document.title.replace(/ · Kintsugi$/, '')];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const el = n.parentElement;
                  if (!el || el.closest('script,style,template')) continue;
                  out.push(n.textContent);
                }
                for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],input[type=submit]')) {
                  for (const a of ['placeholder', 'title', 'aria-label', 'value']) {
                    if (el.hasAttribute(a) && (a !== 'value' || el.type === 'submit')) out.push(el.getAttribute(a));
                  }
                }
                return out;""");
        List<String> hits = new ArrayList<>();
        for (String t : texts) {
            String s = t == null ? "" : t.strip();
            if (english.contains(s) || (RAW_CODE.matcher(s).matches() && !ACRONYMS.contains(s))) {
                hits.add(s);
            }
        }
        return hits;
    }

    /** Every English bundle value that differs from its French value (at least 4 characters, no proper noun). */
    private static Set<String> englishOnlyValues() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        Set<String> values = new TreeSet<>();
        for (Resource en : resolver.getResources("classpath:i18n/*.properties")) {
            String file = en.getFilename();
            if (file == null || file.contains("_")) {
                continue;
            }
            Properties english = load(en);
            Properties french =
                    load(resolver.getResource("classpath:i18n/" + file.replace(".properties", "_fr.properties")));
            for (String k : english.stringPropertyNames()) {
                String value = english.getProperty(k).strip();
                if (value.length() >= 4 && !PROPER_NOUNS.contains(value) && !value.equals(french.getProperty(k))) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static Properties load(Resource r) throws IOException {
        Properties p = new Properties();
        if (r.exists()) {
            try (InputStream in = r.getInputStream()) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return p;
    }
}
