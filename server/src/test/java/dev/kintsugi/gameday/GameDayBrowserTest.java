package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A complete game day in Chromium with three sessions: the facilitator plans it and gives the roles, the villain
 * adds and fires a real fault (latency through an embedded proxy), the hero declares, detects and mitigates from
 * the game day's page while the villain's scoreboard updates live, the facilitator ends it (no fault left) and
 * drafts the post-mortem from the debrief.
 */
class GameDayBrowserTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    static WebDriverWait waiting(WebDriver b) {
        return (WebDriverWait)
                new WebDriverWait(b, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    @Test
    void facilitatorVillainAndHeroPlayAGameDay() throws Exception {
        String service = unique("shop-web");
        tx.executeWithoutResult(s -> GameDayFixture.service(catalog, service));
        String fac = createUser(unique("fac"), Role.CHAOS_ENGINEER, "password-fac-123");
        String vil = createUser(unique("vil"), Role.CHAOS_ENGINEER, "password-vil-123");
        String hero = createUser(unique("hero"), Role.RESPONDER, "password-hero-123");
        try (GameDayFixture shop = new GameDayFixture()) {
            ApiClient.Response exp = apiAs(vil)
                    .post(
                            "/api/v1/experiments",
                            Map.of(
                                    "definition",
                                    shop.experiment(unique("slow payments"), 120),
                                    "services",
                                    List.of(service)));
            assertThat(exp.status()).as(exp.body()).isEqualTo(201);
            long experiment = exp.json().path("id").asLong();

            ChromeDriver f = Browsers.start();
            ChromeDriver v = Browsers.start();
            ChromeDriver h = Browsers.start();
            try {
                Browsers.logIn(f, baseUrl(), fac, "password-fac-123");
                Browsers.logIn(v, baseUrl(), vil, "password-vil-123");
                Browsers.logIn(h, baseUrl(), hero, "password-hero-123");

                // the facilitator plans it and gives the roles
                f.get(baseUrl() + "/gamedays");
                f.findElement(By.cssSelector("#plan-form input[name=title]")).sendKeys("Payday in the browser");
                f.findElement(By.cssSelector("#plan-form textarea[name=story]")).sendKeys("Everyone pays at once.");
                ((JavascriptExecutor) f)
                        .executeScript(
                                "document.querySelector('#plan-form input[name=startsAt]').value = '2026-03-10T09:00'");
                f.findElement(By.cssSelector("#plan-form input[name=services]")).sendKeys(service);
                f.findElement(By.id("plan")).click();
                waiting(f).until(ExpectedConditions.presenceOfElementLocated(By.id("facilitator-controls")));
                String page = f.getCurrentUrl();
                long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
                f.findElement(By.cssSelector("#team-form input[name=name]")).sendKeys("red");
                f.findElement(By.id("add-team")).click();
                waiting(f)
                        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scores [data-team=red]")));
                assign(f, vil, "VILLAIN", null);
                assign(f, hero, "HERO", "red");
                waiting(f)
                        .until(ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("[data-user='" + hero + "']")));

                // the villain prepares the fault
                v.get(baseUrl() + "/gamedays/" + id);
                v.findElement(By.cssSelector("#inject-form input[name=title]")).sendKeys("Payments get slow");
                new Select(v.findElement(By.cssSelector("#inject-form select[name=kind]"))).selectByValue("EXPERIMENT");
                v.findElement(By.cssSelector("#inject-form input[name=experimentId]"))
                        .sendKeys(Long.toString(experiment));
                v.findElement(By.id("add-inject")).click();
                waiting(v)
                        .until(ExpectedConditions.textToBePresentInElementLocated(
                                By.id("injects"), "Payments get slow"));

                // the facilitator starts; the villain fires; the fault is on the proxy
                f.get(baseUrl() + "/gamedays/" + id);
                f.findElement(By.id("start")).click();
                waiting(f).until(ExpectedConditions.presenceOfElementLocated(By.id("end")));
                v.get(baseUrl() + "/gamedays/" + id);
                v.findElement(By.cssSelector("#injects .fire")).click();
                waiting(v)
                        .until(ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#injects a[href*='/chaos/runs/']")));
                assertThat(GameDayFixture.poll(
                                Duration.ofSeconds(30), () -> !shop.toxics().isEmpty()))
                        .isTrue();

                // the villain watches the scoreboard (live); the hero responds
                v.get(baseUrl() + "/gamedays/" + id + "/scoreboard");
                waiting(v)
                        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-team=red] .total")));
                assertThat(v.findElement(By.cssSelector("li[data-team=red] .total"))
                                .getText())
                        .isEqualTo("0");
                ((JavascriptExecutor) v).executeScript("window.sameBoard = true");

                h.get(baseUrl() + "/gamedays/" + id);
                respond(h, "DECLARED", "Checkout is slow", "Every checkout takes more than 1.5 s; carts are abandoned");
                respond(h, "DETECTED", null, null);
                waiting(v)
                        .until(d -> !d.findElement(By.cssSelector("li[data-team=red] .total"))
                                .getText()
                                .equals("0"));
                assertThat(((JavascriptExecutor) v).executeScript("return window.sameBoard"))
                        .as("updated without a reload")
                        .isEqualTo(true);
                respond(h, "MITIGATED", null, null);
                assertThat(h.findElement(By.id("response")).getText()).contains("INC-");

                // the facilitator ends it: the fault is gone; the debrief drafts the post-mortem
                f.get(baseUrl() + "/gamedays/" + id);
                f.findElement(By.id("end")).click();
                waiting(f).until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
                assertThat(shop.toxics()).as("no fault left").isEmpty();
                assertThat(f.findElement(By.id("timeline")).getText()).contains("Payments get slow");
                assertThat(f.findElements(By.cssSelector("#timeline [data-kind=detected]")))
                        .hasSize(1);
                f.findElement(By.id("draft-postmortem")).click();
                waiting(f).until(ExpectedConditions.urlMatches(".*/postmortems/\\d+$"));
                assertThat(f.getPageSource()).contains("Payday in the browser");
                f.get(baseUrl() + "/gamedays/" + id + "/debrief");
                assertThat(f.findElement(By.id("postmortem-link")).getText()).startsWith("PM-");
            } finally {
                f.quit();
                v.quit();
                h.quit();
            }
        }
    }

    private static void assign(WebDriver f, String user, String role, String team) {
        f.findElement(By.cssSelector("#participant-form input[name=username]")).sendKeys(user);
        new Select(f.findElement(By.cssSelector("#participant-form select[name=role]"))).selectByValue(role);
        if (team != null) {
            new Select(f.findElement(By.cssSelector("#participant-form select[name=teamId]")))
                    .selectByVisibleText(team);
        }
        f.findElement(By.id("assign")).click();
        waiting(f).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-user='" + user + "']")));
    }

    private static void respond(WebDriver h, String kind, String title, String body) {
        int before = h.findElements(By.cssSelector("#response li")).size();
        new Select(h.findElement(By.id("response-kind"))).selectByValue(kind);
        if (title != null) {
            h.findElement(By.id("response-title")).sendKeys(title);
        }
        if (body != null) {
            h.findElement(By.id("response-body")).sendKeys(body);
        }
        h.findElement(By.id("record")).click();
        waiting(h).until(d -> d.findElements(By.cssSelector("#response li")).size() > before);
    }
}
