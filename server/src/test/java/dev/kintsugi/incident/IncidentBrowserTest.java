package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Two real browsers: one runs an incident, the other watches its timeline update live. */
class IncidentBrowserTest extends IntegrationTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private WebDriver responder;
    private WebDriver watcher;

    @AfterEach
    void quit() {
        if (responder != null) {
            responder.quit();
        }
        if (watcher != null) {
            watcher.quit();
        }
    }

    private String user(Role role, String zone) {
        String name = unique("web");
        createUser(name, role, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(null, null, zone, null)));
        return name;
    }

    private void login(WebDriver browser, String name) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("password-" + name);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(baseUrl() + "/"));
    }

    @Test
    void declareNoteAndResolveWhileASecondBrowserWatchesLive() {
        String alice = user(Role.RESPONDER, "Europe/Paris");
        String bob = user(Role.VIEWER, "America/New_York");
        responder = Browsers.start();
        watcher = Browsers.start();
        login(responder, alice);
        login(watcher, bob);

        responder.get(baseUrl() + "/incidents/new");
        responder.findElement(By.id("title")).sendKeys("Checkout 502s in the browser test");
        new Select(responder.findElement(By.id("severity"))).selectByValue("SEV2");
        responder.findElement(By.id("description")).sendKeys("Customers see **502** at payment.");
        responder.findElement(By.id("declare-submit")).click();
        var wait = new WebDriverWait(responder, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-key")));
        String key = responder.findElement(By.id("incident-key")).getText();
        assertThat(key).matches("INC-\\d+");
        assertThat(responder.findElement(By.id("incident-status")).getText()).isEqualTo("Investigating");

        watcher.get(baseUrl() + "/incidents/" + key);
        assertThat(watcher.findElement(By.id("incident-title")).getText())
                .isEqualTo("Checkout 502s in the browser test");
        // the page shows "live" once its event stream is open
        new WebDriverWait(watcher, Duration.ofSeconds(30))
                .until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-live", "true"));

        responder.findElement(By.id("note-body")).sendKeys("Rolled back the gateway release");
        responder.findElement(By.id("note-submit")).click();
        // Arrives live (no reload); how fast is a figure for benchmarks, the deadline only bounds a hang.
        new WebDriverWait(watcher, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(50))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("timeline"), "Rolled back the gateway release"));
        // the note box was cleared for the next note, and the author sees it too
        new WebDriverWait(responder, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("timeline"), "Rolled back the gateway release"));

        responder.findElement(By.id("move-RESOLVED")).click();
        wait.until(ExpectedConditions.textToBe(By.id("incident-status"), "Resolved"));
        new WebDriverWait(watcher, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.id("incident-status"), "Resolved"));
        // The live re-render shows the watcher's zone (New York), with the abbreviation right for the instant
        // resolved (EST in winter, EDT in summer), whatever today's date.
        ApiClient api = apiAs(Role.VIEWER);
        Instant resolved = Instant.parse(api.get("/api/v1/incidents/" + key)
                .json()
                .path("milestones")
                .path("resolved")
                .asString());
        assertThat(watcher.findElement(By.id("milestone-RESOLVED")).getText())
                .isEqualTo(Times.format(resolved, NEW_YORK))
                .doesNotContain("CET");

        // And at fixed instants on either side of daylight saving time, after correcting the milestones (the
        // earlier ones first, so the order stays valid).
        ApiClient responderApi = apiAs(alice);
        Map<String, Object> clear = new HashMap<>();
        clear.put("at", null);
        assertThat(responderApi
                        .put("/api/v1/incidents/" + key + "/milestones/mitigated", clear)
                        .status())
                .isEqualTo(200);
        for (String early : List.of("detected", "declared")) {
            var moved = responderApi.put(
                    "/api/v1/incidents/" + key + "/milestones/" + early, Map.of("at", "2019-12-31T00:00:00Z"));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        for (var season : List.of(
                List.of("2020-01-15T17:30:00Z", "2020-01-15 12:30 EST"),
                List.of("2020-07-15T16:30:00Z", "2020-07-15 12:30 EDT"))) {
            var corrected =
                    responderApi.put("/api/v1/incidents/" + key + "/milestones/resolved", Map.of("at", season.get(0)));
            assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
            watcher.get(baseUrl() + "/incidents/" + key);
            assertThat(watcher.findElement(By.id("milestone-RESOLVED")).getText())
                    .isEqualTo(season.get(1));
        }
    }
}
