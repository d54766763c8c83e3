package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The alert list updating live, an undocumented alert documented in one click, the runbook shown first. */
class AlertPagesBrowserTest extends AlertingFixtures {
    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String alert(String key, String groupKey) {
        ObjectNode body = (ObjectNode) ApiClient.JSON.readTree(fixture("alertmanager-firing-4-alerts-vmalert.json"));
        body.put("groupKey", groupKey);
        assertThat(post("/webhooks/alertmanager/" + key, body.toString()).status())
                .isEqualTo(202);
        return groupKey;
    }

    @Test
    void anUndocumentedAlertIsDocumentedInOneClickAndItsNextAlertShowsTheRunbookFirst() {
        organisation();
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String key = i.get("key").asString();
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), responder, "password-" + responder);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);

        // the list is live: an alert arriving while it is open appears without a reload
        browser.get(baseUrl() + "/alerts?service=" + service);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-rows")));
        alert(key, unique("{}:{alertname=\"CPUHigh\"}"));
        wait.until(d -> d.findElements(By.cssSelector("#alert-list a")).size() == 1);
        browser.findElement(By.cssSelector("#alert-list a")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undocumented")));
        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("Notify only");
        assertThat(browser.findElement(By.id("labels")).getText()).contains("alertname=CPUHigh");
        browser.findElement(By.id("document-alert")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("definition-form")));
        assertThat(browser.findElement(By.id("name")).getAttribute("value"))
                .isEqualTo(service + "." + team + ".cpuhigh");
        assertThat(browser.findElement(By.id("matchers")).getAttribute("value")).isEqualTo("alertname=\"CPUHigh\"");
        assertThat(browser.findElement(By.id("runbook")).getAttribute("value")).contains("## Customer impact");
        browser.findElement(By.id("runbook")).clear();
        browser.findElement(By.id("runbook"))
                .sendKeys("## What triggers it\nCPU above **20%** for 5 minutes.\n\n## Resolve\nScale out.");
        browser.findElement(By.id("expectedMinutes")).sendKeys("30");
        browser.findElement(By.id("save-definition")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runbook strong")));
        assertThat(browser.findElement(By.id("runbook")).getText()).contains("CPU above 20% for 5 minutes");

        // the next CPUHigh alert is recognised: its page opens on the runbook
        String next = alert(key, unique("{}:{alertname=\"CPUHigh\"}"));
        JsonNode g = await(
                () -> api.get("/api/v1/alerting/groups?integration="
                                + i.get("id").asLong())
                        .json(),
                x -> x.size() == 2 && x.get(0).get("dedupKey").asString().equals(next),
                "the second group");
        assertThat(g.get(0).get("definitionId").isNumber()).isTrue();
        browser.get(baseUrl() + "/alerts/" + g.get(0).get("id").asLong());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runbook")));
        assertThat(browser.findElements(By.id("undocumented"))).isEmpty();
        assertThat(browser.findElement(By.id("runbook")).getText()).contains("Scale out.");
        // the runbook comes before the occurrences on the page
        String html = browser.getPageSource();
        assertThat(html.indexOf("id=\"runbook\"")).isLessThan(html.indexOf("id=\"occurrences\""));
        browser.findElement(By.id("acknowledge")).click();
        wait.until(d -> d.findElements(By.id("acknowledge")).isEmpty());
        assertThat(browser.getPageSource()).contains(responder);
    }

    @Test
    void anIntegrationCreatedInThePageShowsItsKeyOnce() {
        organisation();
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), responder, "password-" + responder);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
        browser.get(baseUrl() + "/alerts/integrations");
        browser.findElement(By.id("name")).sendKeys("Prometheus of " + service);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("owner")))
                .selectByValue("service:" + service);
        browser.findElement(By.id("create-integration")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("integration-key")));
        String key = browser.findElement(By.id("integration-key")).getText();
        assertThat(key).hasSize(32);
        assertThat(post("/webhooks/alertmanager/" + key, fixture("alertmanager-firing-4-alerts-vmalert.json"))
                        .status())
                .isEqualTo(202);
        browser.get(baseUrl() + "/alerts/integrations");
        assertThat(browser.getPageSource()).doesNotContain(key).contains(key.substring(0, 4) + "…");
    }
}
