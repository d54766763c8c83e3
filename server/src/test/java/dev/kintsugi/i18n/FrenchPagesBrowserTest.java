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
    /**
     * Pages whose module has not been converted to French yet (the post-mortem and countermeasure pages belong to
     * the helper splitting that module). They are walked and their findings printed, but do not fail the test.
     * The lead empties this set once they are converted.
     */
    private static final Set<String> KNOWN_PENDING =
            Set.of("/postmortems", "/postmortems/new", "/postmortem", "/postmortem/edit", "/countermeasures");

    /** Same in both languages by nature: proper nouns and product names. */
    private static final Set<String> PROPER_NOUNS = Set.of("Kintsugi", "Markdown", "Slack", "GitHub");

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
        if (pm.status() == 201 && pm.json().has("id")) {
            long id = pm.json().get("id").asLong();
            pages.put("/postmortem", "/postmortems/" + id);
            pages.put("/postmortem/edit", "/postmortems/" + id + "/edit");
        }
        pages.put("/alerts", "/alerts");
        pages.put("/alerts/integrations", "/alerts/integrations");
        pages.put("/alerts/catalog", "/alerts/catalog");
        pages.put("/alerts/catalog/new", "/alerts/catalog/new");
        pages.put("/alerts/undocumented", "/alerts/undocumented");
        pages.put("/alerts/silences", "/alerts/silences");
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
        // refused by an address rule (Spring Security's filter, before any controller): the page is French but,
        // until the security configuration keeps the refusal for the error page, does not name the role
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("Accès refusé");
        browser.get(baseUrl() + "/no-such-page");
        assertThat(browser.findElements(By.cssSelector("nav.mainnav")))
                .as("the 404 page keeps the navigation")
                .isNotEmpty();

        Map<String, List<String>> failing = new LinkedHashMap<>();
        found.forEach((page, texts) -> {
            if (!texts.isEmpty()) {
                if (KNOWN_PENDING.contains(page)) {
                    // visible in the test's output until the pages are converted
                    System.out.println("known pending, still English on " + page + ": " + texts);
                } else {
                    failing.put(page, texts);
                }
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
            if (english.contains(s)) {
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
