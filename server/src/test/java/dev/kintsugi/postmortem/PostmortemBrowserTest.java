package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** A person writes a post-mortem in a real browser: a finding appears as they type, then countermeasure, publish, library, feed. */
class PostmortemBrowserTest extends IntegrationTest {
    @Autowired
    PostmortemDrafts drafts;

    @Autowired
    PostmortemTimeline timeline;

    @Autowired
    PostmortemPublication publication;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Clicks like a person would: scrolled into the middle of the window, clear of the sticky top bar. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void writeCheckCountermeasurePublishAndFindIt() {
        String name = unique("scribe");
        createUser(name, Role.RESPONDER, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(null, null, "UTC", "en")));
        String title = "Certificate nearly expired " + name;
        Postmortem pm = tx.execute(
                s -> Actor.runAs(name, Role.RESPONDER, () -> drafts.start(Origin.NEAR_MISS, title, "SEV3", false)));

        browser = Browsers.start();
        // htmx swaps elements in place: one found a moment ago may be gone by the time it is read, so look again
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("password-" + name);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlToBe(baseUrl() + "/"));

        // A finding appears while typing, and goes away once reframed.
        browser.get(baseUrl() + "/postmortems/" + pm.id() + "/edit");
        WebElement summary = browser.findElement(By.id("field-summary"));
        summary.sendKeys("The on-call engineer should have renewed the certificate.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#findings-summary mark"), "should have"));
        assertThat(browser.findElement(By.id("findings-summary")).getText())
                .contains("What made this look like the right thing");
        summary.clear();
        summary.sendKeys(
                "Renewal reminders went to a mailing list nobody reads; support noticed the warning 2 days before expiry.");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#findings-summary mark")));
        // what publishing needs besides the summary: the impact and a contributing factor
        browser.findElement(By.id("field-customerImpact")).sendKeys("None: renewed 2 days before expiry.");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("factors[0].category")))
                .selectByValue("TOOLING");
        browser.findElement(By.name("factors[0].description")).sendKeys("Reminders went to a list nobody reads");
        click(browser.findElement(By.id("save-postmortem")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("postmortem-title")));

        // A countermeasure, through the post-mortem's countermeasure panel.
        WebElement form =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#countermeasures form.cm-add")));
        form.findElement(By.name("title")).sendKeys("Alert 30 days before any certificate expires");
        form.findElement(By.name("ownerUser")).sendKeys(name);
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = '2030-01-31'", form.findElement(By.name("dueDate")));
        click(form.findElement(By.cssSelector("button[type=submit]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#countermeasures .cm-item"), "Alert 30 days before any certificate expires"));

        // Curating the timeline: the htmx toggle drops an entry in place, and keeps it again.
        TimelineItem entry = tx.execute(s -> Actor.runAs(
                name,
                Role.RESPONDER,
                () -> timeline.addEntry(
                        pm.id(),
                        java.time.Instant.parse("2026-03-01T09:00:00Z"),
                        null,
                        null,
                        EntrySource.MANUAL,
                        "Support saw the browser warning")));
        browser.navigate().refresh();
        String row = "pm-entry-" + entry.id();
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("keep-" + entry.id()))));
        wait.until(ExpectedConditions.attributeContains(By.id(row), "class", "dropped"));
        assertThat(tx.execute(s -> Actor.runAs(name, Role.RESPONDER, () -> timeline.entry(pm.id(), entry.id())))
                        .kept())
                .isFalse();
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("keep-" + entry.id()))));
        wait.until(ExpectedConditions.attributeContains(By.id(row), "class", "kept"));

        // Review (confirmed on the page), publish (confirmed, then read-only with an amend button).
        click(browser.findElement(By.id("submit-review")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-confirmed"), "Sent to review"));
        tx.execute(s -> Actor.runAs(
                "admin", Role.ADMIN, () -> publication.approve(pm.id(), null, "Reads blameless and complete")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-decisions"), "approved"));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("publish"))));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".badge.pm-PUBLISHED"), "Published"));
        assertThat(browser.findElement(By.id("action-confirmed")).getText()).contains("Published");
        assertThat(browser.findElements(By.id("edit-postmortem"))).isEmpty();
        assertThat(browser.findElements(By.id("add-entry"))).isEmpty();
        assertThat(browser.findElements(By.id("amend"))).hasSize(1);

        // The library and the feed have it.
        browser.get(baseUrl() + "/postmortems");
        assertThat(browser.findElement(By.id("library-list")).getText()).contains(title);
        browser.get(baseUrl() + "/postmortems/feed.atom");
        assertThat(browser.getPageSource()).contains(title);
    }
}
