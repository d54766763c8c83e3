package dev.kintsugi.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the person on call looks at first and the lists they work through, in Chromium: the dashboard opens on
 * their own incidents and countermeasures (and shows "Declare incident" once, in the top bar), the countermeasure
 * form picks an owner by display name and shows display names, and the library finds a post-mortem by its words.
 */
class MyWorkBrowserTest extends IntegrationTest {
    private ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardTheOwnerPickerAndTheLibrarySearch() {
        String me = unique("oncall");
        createUser(me, Role.RESPONDER, "password-" + me);
        String myName = "Grace Hopper " + me.substring(me.length() - 4);
        tx.executeWithoutResult(
                s -> users.updateProfile(me, new UserManagement.ProfileChange(myName, null, null, "en")));
        String colleague = unique("colleague");
        createUser(colleague, Role.RESPONDER, "password-" + colleague);
        String colleagueName = "Katherine Johnson " + colleague.substring(colleague.length() - 4);
        tx.executeWithoutResult(
                s -> users.updateProfile(colleague, new UserManagement.ProfileChange(colleagueName, null, null, "en")));
        ApiClient api = apiAs(me);
        String team = unique("storage");
        ok(api.post("/api/v1/teams", Map.of("name", team, "displayName", "Storage crew", "members", List.of(me))), 201);
        String service = unique("blobs");
        ok(
                api.post(
                        "/api/v1/services",
                        Map.of("name", service, "displayName", "Blobs", "tier", "TIER_2", "ownerTeam", team)),
                201);
        // mine: I declared it; not mine: a colleague's
        String mine = ok(
                        api.post(
                                "/api/v1/incidents",
                                Map.of(
                                        "title",
                                        "Blob uploads stall",
                                        "severity",
                                        "SEV3",
                                        "services",
                                        List.of(service))),
                        201)
                .get("key")
                .asString();
        String theirs = ok(
                        apiAs(colleague)
                                .post("/api/v1/incidents", Map.of("title", "Someone else's fire", "severity", "SEV4")),
                        201)
                .get("key")
                .asString();
        String word = "zebrafish" + me.substring(me.length() - 4);
        long pm = ok(
                        api.post(
                                "/api/v1/postmortems",
                                Map.of("origin", "NEAR_MISS", "title", "Uploads nearly lost " + me)),
                        201)
                .get("id")
                .asLong();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("title", "Uploads nearly lost " + me);
        content.put("summary", "The retry queue of the " + word + " uploader filled up.");
        ok(api.put("/api/v1/postmortems/" + pm, Map.of("basedOnRevision", 1, "content", content)), 200);
        String teamOwned = "Alert when the retry queue is half full " + me;
        ok(
                api.post(
                        "/api/v1/postmortems/" + pm + "/countermeasures",
                        Map.of(
                                "title",
                                teamOwned,
                                "kind",
                                "TELEMETRY_OR_ALERT",
                                "ownerTeam",
                                team,
                                "dueDate",
                                "2099-03-01")),
                201);

        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), me, "password-" + me);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);

        // the dashboard opens on my own work
        wait.until(d -> !d.findElements(By.id("my-incidents")).isEmpty()
                && !d.findElements(By.id("my-countermeasures")).isEmpty());
        assertThat(browser.findElement(By.id("my-incidents")).getText())
                .contains(mine, "Blob uploads stall")
                .doesNotContain(theirs);
        assertThat(browser.findElement(By.id("my-countermeasures")).getText()).contains(teamOwned, "Storage crew");
        assertThat(browser.findElements(By.cssSelector("a[href='/incidents/new']")))
                .as("one Declare incident button, the top bar's")
                .hasSize(1);

        // the owner picker: people by display name, stored by username
        browser.get(baseUrl() + "/postmortems/" + pm);
        WebElement owner = wait.until(d -> d.findElement(By.id("cm-owner-user")));
        assertThat(owner.getAttribute("list")).isEqualTo("cm-people");
        List<String> offered = browser.findElements(By.cssSelector("#cm-people option")).stream()
                .map(o -> o.getAttribute("value") + "=" + o.getAttribute("label"))
                .toList();
        assertThat(offered).contains(colleague + "=" + colleagueName, me + "=" + myName);
        String personal = "Load test the uploader at twice the peak " + me;
        WebElement form = browser.findElement(By.cssSelector("form.cm-add"));
        form.findElement(By.name("title")).sendKeys(personal);
        new Select(form.findElement(By.name("kind"))).selectByValue("REHEARSAL");
        owner.sendKeys(colleague);
        setDate(form.findElement(By.name("dueDate")), "2099-04-01");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("countermeasures")).getText().contains(personal));
        assertThat(browser.findElement(By.id("countermeasures")).getText())
                .contains("Owner: " + colleagueName, "Owner: Storage crew")
                .doesNotContain("Owner: " + colleague + " ");
        var stored = ok(api.get("/api/v1/postmortems/" + pm + "/countermeasures"), 200);
        assertThat(stored.valueStream().map(c -> c.path("ownerUser").asString("")))
                .contains(colleague);

        // the countermeasure list shows display names too
        browser.get(baseUrl() + "/countermeasures?team=" + team);
        assertThat(browser.findElements(By.cssSelector("td.cm-owner")).stream()
                        .map(WebElement::getText)
                        .toList())
                .contains("Storage crew")
                .doesNotContain(team);

        // the library's search box finds the draft by a word of its summary, and nothing for a word it lacks
        browser.get(baseUrl() + "/postmortems?status=DRAFT");
        browser.findElement(By.id("library-q")).sendKeys(word);
        browser.findElement(By.cssSelector("#library-filters button[type=submit]"))
                .click();
        wait.until(d -> d.getCurrentUrl().contains("q=" + word));
        List<String> titles = browser.findElements(By.cssSelector("#library-list .library-title")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(titles).containsExactly("Uploads nearly lost " + me);
        assertThat(browser.findElement(By.id("library-q")).getAttribute("value"))
                .isEqualTo(word);
        browser.get(baseUrl() + "/postmortems?status=DRAFT&q=" + word + "+nowhere_" + me.substring(me.length() - 4));
        assertThat(browser.findElements(By.cssSelector("#library-list .library-title")))
                .isEmpty();
        // LIKE wildcards are taken literally
        browser.get(baseUrl() + "/postmortems?status=DRAFT&q=%25");
        assertThat(browser.findElements(By.cssSelector("#library-list .library-title")).stream()
                        .map(WebElement::getText)
                        .toList())
                .doesNotContain("Uploads nearly lost " + me);
    }

    private void setDate(WebElement input, String isoDate) {
        browser.executeScript("arguments[0].value = arguments[1]", input, isoDate);
    }

    private static tools.jackson.databind.JsonNode ok(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }
}
