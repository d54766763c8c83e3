package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.support.Browsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In Chromium: the dashboard's "my shifts" card says I am on call now and shows the page that paged me; my on-call
 * page shows my secret feed URL, copies it, and "make a new address" revokes the old one (404) for a new one (200).
 */
class MyOnCallBrowserTest extends OnCallFixtures {
    @Autowired
    Clock clock;

    @Autowired
    Paging paging;

    @Autowired
    EscalationPolicies policies;

    private ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void myShiftsCardAndMyFeedAddress() throws Exception {
        Crew crew = crew(0);
        String ann = crew.lead();
        String sched = unique("sched");
        String start = dayBefore(clock.instant(), ChronoUnit.HOURS);
        assertThat(schedule(crew, sched, "UTC", List.of(rotation("r", 0, List.of(ann), start, "WEEKS", 1)))
                        .status())
                .isEqualTo(201);
        EscalationPolicy policy = tx.execute(s -> Actor.runAsSystem(
                "browser test policy",
                () -> policies.create(new EscalationPolicies.PolicyDraft(
                        unique("policy"),
                        "Ann",
                        crew.team(),
                        false,
                        List.of(new EscalationLevel(EscalationLevel.TargetType.USER, ann, null, null, 30)),
                        0,
                        PolicyRouting.ALWAYS))));
        String title = "Disk full on " + sched;
        PageView page = tx.execute(s -> Actor.runAsSystem(
                "browser test page",
                () -> paging.page(new PageRequest(
                        "test", unique("disk"), title, null, "SEV2", List.of(), List.of(), policy.id(), null))));
        // the first step, run here rather than waiting for db-scheduler (guarded by the step: it runs once)
        tx.executeWithoutResult(s -> Actor.runAsSystem("browser test step", () -> {
            paging.step(page.id(), 1);
            return null;
        }));
        List<String> paged = tx.execute(s -> paging.recipients(page.id()));
        assertThat(paged).contains(ann);

        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), ann, "password-long-enough");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
        wait.until(d -> !d.findElements(By.id("my-shifts-card")).isEmpty());
        String card = browser.findElement(By.id("my-shifts-card")).getText();
        assertThat(card).contains("On call now", "Schedule " + sched, title);

        browser.get(baseUrl() + "/oncall");
        String first = wait.until(d -> d.findElement(By.id("my-feed-url"))).getAttribute("value");
        assertThat(first).contains("/webhooks/oncall/feeds/").endsWith(".ics");
        assertThat(status(first)).isEqualTo(200);
        browser.findElement(By.id("copy-feed")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("copy-feed")).getAttribute("data-copied")));

        browser.findElement(By.id("rotate-feed")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> !first.equals(d.findElement(By.id("my-feed-url")).getAttribute("value")));
        String second = browser.findElement(By.id("my-feed-url")).getAttribute("value");
        assertThat(browser.findElement(By.id("my-feed")).getText()).contains("new address");
        assertThat(status(second)).isEqualTo(200);
        assertThat(status(first)).as("the old address is revoked").isEqualTo(404);
    }

    private int status(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + URI.create(url).getPath()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
