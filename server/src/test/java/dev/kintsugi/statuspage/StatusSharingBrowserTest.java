package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /admin/status/sharing} in a real browser: an admin creates an audience (its link shown once, and working),
 * replaces and deletes it; adds a webhook (its generated secret shown once), rotates its secret and deletes it.
 */
class StatusSharingBrowserTest extends IntegrationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CatalogManagement catalog;

    @Test
    void anAdminManagesAudiencesAndWebhooksFromThePage() throws Exception {
        String password = "password-admin-sharing";
        String admin = createUser(unique("admin"), Role.ADMIN, password);
        String team = unique("team");
        String service = unique("svc");
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
        String publicName = "Partner API " + service;
        assertThat(apiAs(Role.ADMIN)
                        .put("/api/v1/status-page/components/" + service, Map.of("name", publicName))
                        .status())
                .isEqualTo(200);
        String audienceName = "Partners " + service;
        String hookHost = service + ".hooks.example.test";

        WebDriver browser = Browsers.start();
        try {
            var wait =
                    new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class);
            Browsers.logIn(browser, baseUrl(), admin, password);
            browser.get(baseUrl() + "/admin/status");
            String sharing =
                    wait.until(d -> d.findElement(By.id("open-sharing")).getAttribute("href"));
            assertThat(sharing).endsWith("/admin/status/sharing");
            browser.get(sharing);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-audience")));

            // an audience: its link is shown once and works
            browser.findElement(By.cssSelector("#new-audience input[name=name]"))
                    .sendKeys(audienceName);
            browser.findElement(By.cssSelector("#new-audience input[value='" + service + "']"))
                    .click();
            browser.findElement(By.cssSelector("#new-audience button[type=submit]"))
                    .click();
            String link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shown-value")))
                    .getText();
            assertThat(link).matches(".*/status/a/[A-Za-z0-9_-]{43}");
            String path = link.substring(link.indexOf("/status/a/"));
            assertThat(get(path).body()).contains(publicName);
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(audienceName, publicName);
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audiences")));
            assertThat(browser.findElements(By.id("shown-once")))
                    .as("shown once")
                    .isEmpty();

            // a new link: the old one dies
            accept(browser, wait, own("audience", "strong", audienceName, "/link"));
            String newLink = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shown-value")))
                    .getText();
            assertThat(newLink).isNotEqualTo(link);
            assertThat(get(path).statusCode()).isEqualTo(404);
            String newPath = newLink.substring(newLink.indexOf("/status/a/"));
            assertThat(get(newPath).statusCode()).isEqualTo(200);
            accept(browser, wait, own("audience", "strong", audienceName, "/delete"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-notice")));
            assertThat(browser.findElement(By.id("audiences")).getText()).doesNotContain(audienceName);
            assertThat(get(newPath).statusCode()).isEqualTo(404);

            // a webhook: the generated secret is shown once; the list shows the host only
            browser.findElement(By.cssSelector("#new-webhook input[name=url]"))
                    .sendKeys("https://" + hookHost + "/private/path?key=abc");
            browser.findElement(By.cssSelector("#new-webhook button[type=submit]"))
                    .click();
            String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shown-value")))
                    .getText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(16);
            String hooks = browser.findElement(By.id("webhooks")).getText();
            assertThat(hooks).contains(hookHost).doesNotContain("/private/path", "key=abc", secret);
            accept(browser, wait, own("webhook", "code", hookHost, "/secret"));
            String rotated = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shown-value")))
                    .getText();
            assertThat(rotated).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(secret);
            accept(browser, wait, own("webhook", "code", hookHost, "/delete"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-notice")));
            assertThat(browser.findElement(By.id("webhooks")).getText()).doesNotContain(hookHost);
        } finally {
            browser.quit();
        }

        // bad input: the page names the field; nothing is added
        WebSession web = WebSession.loggedIn(baseUrl(), admin, password);
        web.get("/admin/status/sharing");
        assertThat(web.post("/admin/status/webhooks", Map.of("url", "ftp://" + hookHost))
                        .status())
                .isEqualTo(302);
        String page = web.get("/admin/status/sharing").body();
        assertThat(page).contains("id=\"sharing-error\"").doesNotContain("id=\"shown-once\"");
        assertThat(apiAs(Role.ADMIN).get("/api/v1/status-page/webhooks").body()).doesNotContain(hookHost);
        // admins only, checked on the server
        String responder = createUser(unique("resp"), Role.RESPONDER, "password-responder-1");
        WebSession other = WebSession.loggedIn(baseUrl(), responder, "password-responder-1");
        assertThat(other.get("/admin/status/sharing").status()).isEqualTo(403);
        other.get("/");
        assertThat(other.post("/admin/status/webhooks", Map.of("url", "https://" + hookHost))
                        .status())
                .isEqualTo(403);
    }

    /** This test's own row's button (the list also holds other tests' audiences and webhooks). */
    private static By own(String kind, String tag, String text, String action) {
        return By.xpath("//li[starts-with(@id,'" + kind + "-')][.//" + tag + "[normalize-space(.)='" + text
                + "']]//form[contains(@action,'" + action + "')]//button");
    }

    private static void accept(WebDriver browser, org.openqa.selenium.support.ui.Wait<WebDriver> wait, By button) {
        browser.findElement(button).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
