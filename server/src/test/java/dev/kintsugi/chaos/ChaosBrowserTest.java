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
 * A chaos engineer pastes a Chaos Toolkit file into the editor, saves and runs it; a viewer watches the run page
 * update live (server-sent events): the fault in place, the rollback, the outcome, without reloading.
 */
class ChaosBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    private WebDriver engineer;
    private WebDriver viewer;

    @AfterEach
    void quit() {
        if (engineer != null) {
            engineer.quit();
        }
        if (viewer != null) {
            viewer.quit();
        }
    }

    @Test
    void aViewerWatchesTheRunPageUpdateLive() throws Exception {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String ce = unique("ce");
        createUser(ce, Role.CHAOS_ENGINEER, "password-" + ce);
        String watcher = unique("viewer");
        createUser(watcher, Role.VIEWER, "password-" + watcher);
        engineer = Browsers.start();
        viewer = Browsers.start();
        Browsers.logIn(engineer, baseUrl(), ce, "password-" + ce);
        Browsers.logIn(viewer, baseUrl(), watcher, "password-" + watcher);

        try (ChaosFixture f = new ChaosFixture("payments")) {
            String title = unique("browser-latency");
            engineer.get(baseUrl() + "/chaos/experiments/new");
            engineer.findElement(By.cssSelector("input[name=mode][value=raw]")).click();
            engineer.findElement(By.name("service")).sendKeys(service);
            // set the text at once (typing a long JSON document key by key is slow and fights auto-indent)
            ((JavascriptExecutor) engineer)
                    .executeScript(
                            "document.querySelector('textarea[name=raw]').value = arguments[0];",
                            f.experiment(title, 3000, 4));
            engineer.findElement(By.id("save-experiment")).click();
            new WebDriverWait(engineer, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("run-experiment")));
            engineer.findElement(By.id("run-experiment")).click();
            new WebDriverWait(engineer, Duration.ofSeconds(30))
                    .until(ExpectedConditions.urlMatches("/chaos/runs/\\d+$"));
            String runUrl = engineer.getCurrentUrl();

            viewer.get(runUrl);
            var wait = new WebDriverWait(viewer, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            wait.until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-live", "true"));
            assertThat(viewer.findElements(By.id("stop-run")))
                    .as("a viewer cannot stop it")
                    .isEmpty();
            // while it runs: the fault appears in place (pushed by the server, no reload)
            wait.until(d -> d.findElements(By.cssSelector("#run-faults li[data-status=IN_PLACE]"))
                            .size()
                    == 1);
            // the fault's lease counts down, live, on the page
            String first = wait.until(d -> {
                String left = d.findElement(By.cssSelector("#run-faults li[data-status=IN_PLACE] .lease-countdown"))
                        .getAttribute("data-seconds");
                return left == null || left.isEmpty() ? null : left;
            });
            assertThat(Integer.parseInt(first)).isPositive();
            wait.until(d ->
                    d.findElements(By.cssSelector("#run-faults li[data-status=IN_PLACE] .lease-countdown")).stream()
                                    .anyMatch(e -> !first.equals(e.getAttribute("data-seconds")))
                            || d.findElements(By.cssSelector("#run-faults li[data-status=IN_PLACE]"))
                                    .isEmpty());
            // the steady-state probe's value beside the tolerance it was checked against
            wait.until(
                    d -> d.findElements(By.cssSelector("tr[data-activity=service-answers] .probe-tolerance")).stream()
                            .anyMatch(e -> e.getText().equals("200")));
            assertThat(viewer.findElement(By.cssSelector("tr[data-activity=service-answers] .probe-value"))
                            .getText())
                    .contains("\"status\":200");
            // then the rollback and the outcome arrive the same way
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-activity=remove-latency]"))
                    .isEmpty());
            wait.until(d -> !d.findElements(By.id("recovered")).isEmpty());
            // the faults list is swapped in by htmx: read it again until it says REVERTED (a swap may stale it)
            wait.until(d -> d.findElements(By.cssSelector("#run-faults li")).stream()
                    .anyMatch(e -> "REVERTED".equals(e.getAttribute("data-status"))));
            assertThat(viewer.findElement(By.id("run-body")).getText()).contains(title);
            assertThat(f.toxics()).isEmpty();
        }
    }
}
