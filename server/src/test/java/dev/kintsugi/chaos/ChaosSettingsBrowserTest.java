package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What only the API could do, now in the browser: a chaos engineer adds a fault-proxy target to a service, checks
 * it is reachable, removes it, sets the service's policy and an experiment's schedule; a refused field is shown
 * next to it and nothing is stored.
 */
class ChaosSettingsBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosTargets targets;

    @Autowired
    ChaosExperiments experiments;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aChaosEngineerManagesTargetsPolicyAndScheduleInTheBrowser() throws Exception {
        String service = unique("settings");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String ce = unique("ce");
        createUser(ce, Role.CHAOS_ENGINEER, "password-" + ce);
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), ce, "password-" + ce);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);

        try (ChaosFixture f = new ChaosFixture("inventory")) {
            // from the service page to its chaos settings
            browser.get(baseUrl() + "/catalog/services/" + service);
            // the chaos card is a page card, loaded by htmx after the page: wait for it
            wait.until(ExpectedConditions.elementToBeClickable(By.id("chaos-settings-link")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("target-form")));

            // a refused URL: shown next to the field, nothing stored, the typed values kept
            new Select(browser.findElement(By.cssSelector("#target-form select[name=kind]"))).selectByValue("PROXY");
            browser.findElement(By.cssSelector("#target-form input[name=name]")).sendKeys("inventory-proxy");
            browser.findElement(By.cssSelector("#target-form input[name=url]")).sendKeys("ftp://nowhere");
            browser.findElement(By.cssSelector("#target-form input[name=proxies]"))
                    .sendKeys("inventory");
            browser.findElement(By.id("add-target")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-url")));
            assertThat(browser.findElement(By.id("error-url")).getText()).contains("http(s)");
            assertThat(browser.findElement(By.cssSelector("#target-form input[name=name]"))
                            .getAttribute("value"))
                    .isEqualTo("inventory-proxy");
            assertThat(targets.targets(service)).isEmpty();

            // corrected: stored, listed, and reachable now
            var url = browser.findElement(By.cssSelector("#target-form input[name=url]"));
            url.clear();
            url.sendKeys(f.api);
            browser.findElement(By.id("add-target")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#chaos-targets li[data-target=inventory-proxy]")));
            assertThat(targets.targets(service)).singleElement().satisfies(t -> {
                assertThat(t.kind()).isEqualTo(TargetKind.PROXY);
                assertThat(t.url()).isEqualTo(f.api);
                assertThat(t.proxies()).containsExactly("inventory");
            });
            browser.findElement(By.cssSelector("#chaos-targets li[data-target=inventory-proxy] .check-target"))
                    .click();
            wait.until(
                    d -> d.findElement(By.cssSelector("#chaos-targets li[data-target=inventory-proxy] .reachability"))
                            .getText()
                            .contains("reachable"));

            // the policy: a bad zone is refused on its field, then a good one saved
            browser.findElement(By.cssSelector("#policy-form input[name=allowedProxies]"))
                    .sendKeys("inventory, payments");
            var runs = browser.findElement(By.cssSelector("#policy-form input[name=maxConcurrentRuns]"));
            runs.clear();
            runs.sendKeys("3");
            browser.findElement(By.cssSelector("#policy-form input[name=windowDays][value=MON]"))
                    .click();
            browser.findElement(By.cssSelector("#policy-form input[name=windowZone]"))
                    .sendKeys("Mars/Olympus");
            browser.findElement(By.id("save-policy")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-windowZone")));
            assertThat(targets.policy(service).version()).isZero();
            var zone = browser.findElement(By.cssSelector("#policy-form input[name=windowZone]"));
            zone.clear();
            zone.sendKeys("Europe/Paris");
            browser.findElement(By.id("save-policy")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-saved")));
            ServicePolicy p = targets.policy(service);
            assertThat(p.allowedProxies()).containsExactly("inventory", "payments");
            assertThat(p.maxConcurrentRuns()).isEqualTo(3);
            assertThat(p.windowDays()).containsExactly("MON");
            assertThat(p.windowZone()).isEqualTo("Europe/Paris");
            assertThat(browser.findElement(By.cssSelector("#policy-form input[name=allowedProxies]"))
                            .getAttribute("value"))
                    .isEqualTo("inventory, payments");

            // removing the target
            browser.findElement(By.cssSelector("#chaos-targets li[data-target=inventory-proxy] .remove-target"))
                    .click();
            acceptConfirmIfAny();
            wait.until(d -> d.findElements(By.cssSelector("#chaos-targets li[data-target=inventory-proxy]"))
                    .isEmpty());
            assertThat(targets.targets(service)).isEmpty();

            // an experiment's schedule: a bad cron refused on its field, then a good one stored
            long id = dev.kintsugi.platform.Actor.runAs(
                    ce,
                    Role.CHAOS_ENGINEER,
                    () -> experiments
                            .create(f.experiment(unique("scheduled"), 10, 0), List.of(service))
                            .id());
            browser.get(baseUrl() + "/chaos/experiments/" + id);
            browser.findElement(By.cssSelector("#schedule-form input[name=cron]"))
                    .sendKeys("every monday");
            browser.findElement(By.id("save-schedule")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-cron")));
            assertThat(experiments.scheduleOf(id)).isNull();
            var cron = browser.findElement(By.cssSelector("#schedule-form input[name=cron]"));
            cron.clear();
            cron.sendKeys("0 0 10 * * MON-FRI");
            browser.findElement(By.id("save-schedule")).click();
            wait.until(ExpectedConditions.urlContains("scheduled"));
            assertThat(experiments.scheduleOf(id)).isEqualTo("0 0 10 * * MON-FRI");
            assertThat(browser.findElement(By.cssSelector("#schedule-form input[name=cron]"))
                            .getAttribute("value"))
                    .isEqualTo("0 0 10 * * MON-FRI");
        }
    }

    private void acceptConfirmIfAny() {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(2))
                    .until(ExpectedConditions.alertIsPresent())
                    .accept();
        } catch (org.openqa.selenium.TimeoutException e) {
            // the page's confirm is a dialog of its own, or none
        }
    }
}
