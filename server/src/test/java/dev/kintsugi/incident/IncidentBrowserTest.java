package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Two real browsers: one runs an incident, the other watches its timeline update live. */
class IncidentBrowserTest extends IntegrationTest {
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
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(baseUrl() + "/"));
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
        var wait = new WebDriverWait(responder, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-key")));
        String key = responder.findElement(By.id("incident-key")).getText();
        assertThat(key).matches("INC-\\d+");
        assertThat(responder.findElement(By.id("incident-status")).getText()).isEqualTo("Investigating");

        watcher.get(baseUrl() + "/incidents/" + key);
        assertThat(watcher.findElement(By.id("incident-title")).getText())
                .isEqualTo("Checkout 502s in the browser test");
        // the page shows "live" once its event stream is open
        new WebDriverWait(watcher, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-live", "true"));

        responder.findElement(By.id("note-body")).sendKeys("Rolled back the gateway release");
        responder.findElement(By.id("note-submit")).click();
        long clicked = System.nanoTime();
        new WebDriverWait(watcher, Duration.ofSeconds(2))
                .pollingEvery(Duration.ofMillis(50))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("timeline"), "Rolled back the gateway release"));
        long seenMillis = (System.nanoTime() - clicked) / 1_000_000;
        assertThat(seenMillis).isLessThan(2000);
        // the note box was cleared for the next note, and the author sees it too
        new WebDriverWait(responder, Duration.ofSeconds(5))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("timeline"), "Rolled back the gateway release"));

        responder.findElement(By.id("move-RESOLVED")).click();
        wait.until(ExpectedConditions.textToBe(By.id("incident-status"), "Resolved"));
        new WebDriverWait(watcher, Duration.ofSeconds(5))
                .until(ExpectedConditions.textToBe(By.id("incident-status"), "Resolved"));
        assertThat(watcher.findElement(By.id("milestone-RESOLVED")).getText())
                .endsWith("EST")
                .doesNotContain("CET");
    }
}
