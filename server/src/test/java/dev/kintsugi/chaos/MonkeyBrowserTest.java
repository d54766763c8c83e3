package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Chaos Monkey's page in a real browser: from the service page's card to the monkey, Netflix's configuration
 * pasted as it is and shown with its meaning, a change saved, a refused one explained, and nothing half-written.
 */
class MonkeyBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aChaosEngineerImportsNetflixsConfigurationAndSeesItsMeaning() {
        String service = unique("monkey-page");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String ce = unique("ce");
        createUser(ce, Role.CHAOS_ENGINEER, "password-" + ce);
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), ce, "password-" + ce);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);

        browser.get(baseUrl() + "/catalog/services/" + service);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chaos-monkey-card")));
        assertThat(browser.findElement(By.id("chaos-monkey-card")).getText()).contains("Not opted in.");
        browser.findElement(By.cssSelector("#chaos-monkey-card a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monkey-summary")));
        assertThat(browser.findElement(By.id("monkey-enabled")).getText()).isEqualTo("—");
        assertThat(browser.findElement(By.id("monkey-leashed")).getText()).isEqualTo("✔");

        // paste Netflix's JSON as it is (set through the DOM: its tabs and braces typed key by key are slow)
        var json = browser.findElement(By.cssSelector("#monkey-import textarea[name=json]"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];",
                        json,
                        ChaosMonkeyTest.fixture("chaosmonkey-app-config-exceptions.json"));
        browser.findElement(By.cssSelector("#monkey-import button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monkey-imported")));
        assertThat(browser.findElement(By.id("monkey-enabled")).getText()).isEqualTo("✔");
        assertThat(browser.findElement(By.id("monkey-leashed")).getText())
                .as("still leashed")
                .isEqualTo("✔");
        assertThat(browser.findElement(By.id("monkey-mean")).getText()).isEqualTo("5");
        assertThat(browser.findElement(By.id("monkey-min")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("monkey-grouping")).getText()).isEqualTo("per label value (cluster)");
        assertThat(browser.findElement(By.id("monkey-regions-independent")).getText())
                .isEqualTo("✔");
        assertThat(browser.findElement(By.id("monkey-exceptions")).getText())
                .contains("test / * / * / *")
                .contains("prod / * / * / eu-west-1");
        assertThat(browser.findElement(By.id("monkey-netflix")).getText())
                .contains("about 1 in 5")
                .contains("never less than 1 working days");

        // a refused change says why and changes nothing
        var mean = browser.findElement(By.cssSelector("#monkey-form input[name=min]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '9';", mean);
        browser.findElement(By.cssSelector("#monkey-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monkey-error")));
        assertThat(browser.findElement(By.id("monkey-error")).getText()).contains("minTimeBetweenKillsInWorkDays");
        assertThat(browser.findElement(By.id("monkey-min")).getText()).isEqualTo("1");

        // a change saved: Sunday–Thursday in Jerusalem
        ((JavascriptExecutor) browser)
                .executeScript("document.querySelectorAll('#monkey-form input[name=workDays]').forEach(c => c.checked ="
                        + " ['SUNDAY','MONDAY','TUESDAY','WEDNESDAY','THURSDAY'].includes(c.value));"
                        + "document.querySelector('#monkey-form input[name=zone]').value = 'Asia/Jerusalem';");
        browser.findElement(By.cssSelector("#monkey-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monkey-saved")));
        assertThat(browser.findElement(By.id("monkey-calendar")).getText())
                .contains("SUNDAY")
                .contains("THURSDAY")
                .doesNotContain("FRIDAY")
                .contains("Asia/Jerusalem");
    }
}
