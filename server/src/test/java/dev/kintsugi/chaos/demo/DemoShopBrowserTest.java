package dev.kintsugi.chaos.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Clock;
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
 * What the newcomer does first, in Chromium: open "Checkout latency" of the demo shop, press Run, and watch the run
 * page update by itself (server-sent events, no reload): the activities appear, the storefront's probe value (503)
 * beside its tolerance (200), the rollback, and the outcome — deviated, then recovered.
 */
class DemoShopBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosTargets targets;

    @Autowired
    ChaosExperiments experiments;

    @Autowired
    Clock clock;

    private DemoShop shop;
    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aNewcomerRunsCheckoutLatencyAndWatchesTheRunPageLive() throws Exception {
        String prefix = unique("shop");
        shop = DemoShop.start(clock, DemoShop.Ports.ANY);
        DemoShopSetup.Result setup = Actor.runAsSystem(
                "test: the demo shop's set-up",
                () -> new DemoShopSetup(catalog, targets, experiments).apply(shop, prefix, Duration.ofSeconds(4)));
        String engineer = unique("ce");
        createUser(engineer, Role.CHAOS_ENGINEER, "password-" + engineer);
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), engineer, "password-" + engineer);

        browser.get(baseUrl() + "/chaos/experiments/" + setup.checkoutLatency());
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(DemoExperiments.CHECKOUT_LATENCY);
        browser.findElement(By.id("run-experiment")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches("/chaos/runs/\\d+$"));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-live", "true"));
        // a mark on this very document: if the page reloaded, it would be gone
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");

        // the activities arrive as they start and end
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-activity=inject-latency]"))
                .isEmpty());
        // the storefront's probe, under latency: its value (503) beside the tolerance it missed (200)
        wait.until(d -> d.findElements(By.cssSelector("tr[data-activity=storefront-healthy]")).stream()
                .anyMatch(row -> row.findElements(By.cssSelector(".probe-value")).stream()
                                .anyMatch(v -> v.getText().contains("\"status\":503"))
                        && row.findElements(By.cssSelector(".probe-tolerance")).stream()
                                .anyMatch(t -> t.getText().equals("200"))));
        // then the rollback, and the outcome
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-activity=remove-latency]"))
                .isEmpty());
        wait.until(d -> !d.findElements(By.id("recovered")).isEmpty());
        assertThat(browser.findElement(By.id("recovered")).getAttribute("class"))
                .contains("alert-ok");
        assertThat(browser.findElement(By.cssSelector("#run-faults li")).getAttribute("data-status"))
                .isEqualTo("REVERTED");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"))
                .as("the page updated without reloading")
                .isEqualTo(true);
        assertThat(DemoShopTest.get(shop.healthUrl()).status()).isEqualTo(200);
    }
}
