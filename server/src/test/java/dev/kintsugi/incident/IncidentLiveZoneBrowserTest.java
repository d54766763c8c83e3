package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10.2: an entry arriving live in a Europe/Paris browser shows the Paris clock, like the entries rendered
 * with the page. Instants come from the injected clock, in winter (CET, UTC+1), so the Paris and UTC hours
 * differ.
 */
class IncidentLiveZoneBrowserTest extends IntegrationTest {
    private static final Instant DECLARED = Instant.parse("2026-01-15T09:00:00Z"); // 10:00 in Paris
    private static final Instant NOTED = Instant.parse("2026-01-15T09:30:00Z"); // 10:30 in Paris

    @Autowired
    IncidentManagement incidents;

    @Autowired
    AdjustableClock clock;

    private ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String declaredAtTheClock(String responder) {
        return clock.callAt(
                DECLARED,
                () -> Actor.runAs(
                        responder,
                        Role.RESPONDER,
                        () -> tx.execute(s -> incidents
                                .declare(new DeclareIncident(
                                        "Live zone check",
                                        null,
                                        Severity.SEV3,
                                        List.of(),
                                        null,
                                        null,
                                        false,
                                        null,
                                        null))
                                .key())));
    }

    private void notedLive(String responder, String key, String body) {
        clock.runAt(
                NOTED,
                () -> Actor.runAs(
                        responder,
                        Role.RESPONDER,
                        () -> tx.execute(s -> incidents.addNote(
                                key, new NewNote(TimelineEntryKind.NOTE, body, null, null, Visibility.INTERNAL)))));
    }

    /** A Chromium whose own time zone is Paris, logged in as {@code name}. */
    private void parisBrowser(String name) {
        browser = Browsers.start();
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Paris"));
        Browsers.logIn(browser, baseUrl(), name, "password-" + name);
    }

    private String entryTime(String body) {
        for (WebElement li : browser.findElements(By.cssSelector("#timeline > li"))) {
            if (li.getText().contains(body)) {
                return li.findElement(By.tagName("time")).getText();
            }
        }
        throw new AssertionError("no timeline entry with " + body);
    }

    private void watchALiveEntry(String watcher) {
        String responder = user("zone-resp", Role.RESPONDER);
        String key = declaredAtTheClock(responder);
        browser.get(baseUrl() + "/incidents/" + key);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-live", "true"));
        assertThat(entryTime("Live zone check")).isEqualTo("2026-01-15 10:00:00 CET");

        String body = "Rolled back at half past " + unique("n");
        notedLive(responder, key, body);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), body));
        assertThat(entryTime(body)).isEqualTo("2026-01-15 10:30:00 CET");
        assertThat(entryTime("Live zone check")).isEqualTo("2026-01-15 10:00:00 CET");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), body));
        assertThat(entryTime(body)).isEqualTo("2026-01-15 10:30:00 CET");
    }

    @Test
    void aLiveEntryShowsTheParisClockForAParisProfile() {
        String watcher = user("zone-watch", Role.VIEWER);
        tx.executeWithoutResult(
                s -> users.updateProfile(watcher, new UserManagement.ProfileChange(null, null, "Europe/Paris", null)));
        parisBrowser(watcher);
        watchALiveEntry(watcher);
    }

    @Test
    void aLiveEntryShowsTheParisClockWhenTheZoneCameFromTheBrowser() {
        String watcher = user("zone-browser", Role.VIEWER);
        parisBrowser(watcher);
        // first login: the page adopts the browser's zone and reloads
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> users.find(watcher)
                        .map(u -> "Europe/Paris".equals(u.timeZone()))
                        .orElse(false));
        watchALiveEntry(watcher);
    }

    @Test
    void aFragmentIsRenderedInTheBrowsersZoneUntilTheProfileHasOne() {
        String responder = user("zone-resp", Role.RESPONDER);
        String key = declaredAtTheClock(responder);
        String noZone = user("zone-none", Role.VIEWER);
        WebSession web = WebSession.loggedIn(baseUrl(), noZone, "password-" + noZone);
        Map<String, String> paris = Map.of("HX-Request", "true", Times.BROWSER_ZONE_HEADER, "Europe/Paris");
        String path = "/incidents/" + key + "/timeline";

        assertThat(web.get(path).body()).contains("2026-01-15 09:00:00 UTC");
        assertThat(web.get(path, paris).body()).contains("2026-01-15 10:00:00 CET");
        // nonsense is ignored
        assertThat(web.get(path, Map.of(Times.BROWSER_ZONE_HEADER, "Mars/Olympus_Mons"))
                        .body())
                .contains("2026-01-15 09:00:00 UTC");
        // the profile's zone wins over the browser's
        tx.executeWithoutResult(s ->
                users.updateProfile(noZone, new UserManagement.ProfileChange(null, null, "America/New_York", null)));
        assertThat(web.get(path, paris).body()).contains("2026-01-15 04:00:00 EST");
    }

    private String user(String prefix, Role role) {
        String name = unique(prefix);
        return createUser(name, role, "password-" + name);
    }
}
