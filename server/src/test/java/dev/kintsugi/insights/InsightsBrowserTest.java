package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Browsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: the insights page's charts, a chart's table view, the CSV link, the data-quality fix. */
class InsightsBrowserTest extends InsightsTestSupport {
    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return (WebDriverWait)
                new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    @Test
    void chartsTableViewsCsvLinksAndTheOneClickFix() {
        String team = team();
        String svc = service(team);
        String responder = createUser(unique("resp"), Role.RESPONDER, "password-browser-1");
        Instant d = Instant.parse("2025-06-03T10:00:00Z");
        String complete = incident(
                responder,
                Severity.SEV2,
                List.of(svc),
                false,
                null,
                new Times(
                        d,
                        d.plusSeconds(60),
                        d.plusSeconds(120),
                        d.plusSeconds(180),
                        d.plusSeconds(600),
                        d.plusSeconds(1200)));
        Instant e = Instant.parse("2025-06-12T10:00:00Z");
        String incomplete = incident(
                responder,
                Severity.SEV3,
                List.of(svc),
                false,
                null,
                new Times(null, e, e, null, null, e.plusSeconds(3600)));
        InsightsFilter f = new InsightsFilter(
                teamId(team), null, java.util.Set.of(), d.minusSeconds(86400), e.plusSeconds(86400), false);
        org.awaitility.Awaitility.await()
                .atMost(DEADLINE)
                .untilAsserted(() -> assertThat(
                                dev.kintsugi.platform.Actor.runAsSystem("t", () -> insights.incomplete(f, 10)))
                        .extracting(Insights.IncompleteIncident::key)
                        .containsExactly(incomplete));

        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), responder, "password-browser-1");
        browser.get(baseUrl() + "/insights?team=" + team + "&from=2025-06-01&to=2025-06-30");
        waiting().until(b -> !b.findElements(By.id("insights-headline")).isEmpty());

        // the stacked chart draws one segment per severity of each week, and says so in text too
        List<WebElement> charts = browser.findElements(By.cssSelector("#insights-trend figure.insights-chart"));
        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).findElements(By.cssSelector(".chart-segment"))).hasSize(2);
        // and the median time to resolve per week: one column each
        assertThat(charts.get(1).findElements(By.cssSelector(".chart-segment"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#insights-trend figcaption"))
                        .getText())
                .contains("SEV1", "SEV3");

        // the table view opens on a click and holds the same figures
        WebElement table = browser.findElement(By.cssSelector("#table-trend table"));
        assertThat(table.isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("#table-trend summary")).click();
        waiting().until(b -> b.findElement(By.cssSelector("#table-trend table")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("#table-trend table")).getText())
                .contains("2025-06-02", "2025-06-09");

        // every table has its CSV link, with the page's filters
        assertThat(browser.findElement(By.cssSelector("#table-metrics a.csv-link"))
                        .getAttribute("href"))
                .contains("/insights/export/metrics.csv?", "team=" + team, "from=2025-06-01");

        // data quality: the incomplete incident, with a form that sets its milestone through the incident's editor
        WebElement row = browser.findElement(By.cssSelector("#insights-data-quality .incomplete-incident"));
        assertThat(row.getText()).contains(incomplete).doesNotContain(complete);
        row.findElement(By.tagName("summary")).click();
        WebElement at = row.findElement(By.cssSelector("input[name=at]"));
        waiting().until(b -> at.isDisplayed());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2025-06-12T09:50'", at);
        row.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(b -> b.getCurrentUrl().contains("/incidents/" + incomplete));
        org.awaitility.Awaitility.await()
                .atMost(DEADLINE)
                .untilAsserted(() -> assertThat(
                                dev.kintsugi.platform.Actor.runAsSystem("t", () -> insights.incomplete(f, 10))
                                        .getFirst()
                                        .missing())
                        .doesNotContain("IMPACT_STARTED"));
    }
}
