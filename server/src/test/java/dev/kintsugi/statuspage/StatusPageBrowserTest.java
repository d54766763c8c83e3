package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The communications lead publishes from the incident page's card; customers read the page at desktop and phone
 * widths, and without JavaScript (the language links, the zone form and the uptime details still work).
 */
class StatusPageBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Test
    void publishFromTheIncidentPageAndReadItAtEveryWidthWithoutJavaScript() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        String password = "password-comms-browser";
        String comms = createUser(unique("comms"), Role.RESPONDER, password);
        String team = unique("team");
        String service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
        String publicName = "Checkout " + service;
        admin.put("/api/v1/status-page/components/" + service, Map.of("name", publicName, "group", "Shop"));
        var declared = admin.post(
                "/api/v1/incidents",
                Map.of("title", "Internal only " + service, "severity", "SEV2", "services", List.of(service)));
        String key = declared.json().get("key").asString();
        admin.put("/api/v1/incidents/" + key + "/roles/communications", Map.of("username", comms));
        String publicTitle = "Checkout errors " + service;

        WebDriver browser = Browsers.start();
        try {
            Browsers.logIn(browser, baseUrl(), comms, password);
            browser.get(baseUrl() + "/incidents/" + key);
            var wait =
                    new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sp-publish")));
            assertThat(browser.findElement(By.id("sp-not-published")).getText()).isNotBlank();
            browser.findElement(By.cssSelector("#sp-publish input[name=title]")).sendKeys(publicTitle);
            browser.findElement(By.cssSelector("#sp-publish button[type=submit]"))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sp-published")));
            assertThat(browser.findElement(By.id("sp-published")).getText()).contains(publicTitle);

            browser.manage().deleteAllCookies(); // a customer: no session
            for (int width : List.of(1280, 360)) {
                browser.manage().window().setSize(new Dimension(width, 900));
                browser.get(baseUrl() + "/status");
                assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Partial outage");
                assertThat(browser.findElement(By.tagName("main")).getText())
                        .contains(
                                publicTitle, publicName, "We are investigating reports of problems with " + publicName);
                long scrollWidth =
                        (Long) ((ChromeDriver) browser).executeScript("return document.documentElement.scrollWidth");
                long clientWidth =
                        (Long) ((ChromeDriver) browser).executeScript("return document.documentElement.clientWidth");
                assertThat(scrollWidth)
                        .as("no sideways scrolling at " + width + " px")
                        .isLessThanOrEqualTo(clientWidth);
            }
        } finally {
            browser.quit();
        }

        WebDriver noJs = Browsers.start(false);
        try {
            noJs.get(baseUrl() + "/status");
            assertThat(noJs.findElements(By.cssSelector("header"))).hasSize(1);
            assertThat(noJs.findElements(By.cssSelector("main h1"))).hasSize(1);
            assertThat(noJs.findElements(By.cssSelector("footer"))).hasSize(1);
            // the day's incidents, without JavaScript: a <details>
            var row = noJs.findElement(By.cssSelector("[data-state=PARTIAL_OUTAGE]"));
            var details = row.findElement(By.tagName("details"));
            details.findElement(By.tagName("summary")).click();
            assertThat(details.getText()).contains(publicTitle);
            // the zone form and the language links work without scripts
            var tz = noJs.findElement(By.id("tz"));
            tz.clear();
            tz.sendKeys("Europe/Paris");
            noJs.findElement(By.cssSelector("footer form button")).click();
            new WebDriverWait(noJs, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("tz=Europe"));
            assertThat(noJs.findElement(By.tagName("footer")).getText()).contains("Europe/Paris");
            noJs.findElement(By.cssSelector("a[hreflang=fr]")).click();
            new WebDriverWait(noJs, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("lang=fr"));
            assertThat(noJs.findElement(By.id("overall")).getText()).isEqualTo("Panne partielle");
            assertThat(noJs.findElement(By.tagName("footer")).getText()).contains("Europe/Paris");
        } finally {
            noJs.quit();
        }
    }
}
