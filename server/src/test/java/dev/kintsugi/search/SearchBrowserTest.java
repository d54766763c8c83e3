package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: the top bar's search box, its facets, and the declare form's similar incidents as one types. */
class SearchBrowserTest extends SearchTestSupport {
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
    void theTopBarBoxFindsAndTheDeclareFormSuggestsWhileTyping() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String svc = service(team(responder));
        String w = word();
        String past = declare(
                api,
                w + " redis cluster failover loop",
                "Sentinel kept electing a new redis primary",
                "SEV2",
                List.of(svc),
                false);
        String minor = declare(api, w + " redis latency", "Slow commands", "SEV4", List.of(), false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(past, minor)));

        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), responder, "password-" + responder);
        // the dashboard's cards load with htmx: type once the box stays put
        waiting().until(d -> {
            var box = d.findElement(By.id("topsearch-q"));
            box.clear();
            box.sendKeys(w + " redis" + Keys.ENTER);
            return true;
        });
        waiting().until(ExpectedConditions.urlContains("/search?q="));
        waiting()
                .until(d -> d.findElements(By.cssSelector("#search-list .search-hit"))
                                .size()
                        == 2);
        assertThat(browser.findElement(By.id("search-list")).getText()).contains(past, minor);
        assertThat(browser.findElements(By.cssSelector("#search-list mark"))).isNotEmpty();

        // a facet narrows the results: severity SEV2
        browser.findElement(By.cssSelector("#facet-severity a[href*='severity=SEV2']"))
                .click();
        waiting()
                .until(d -> d.findElements(By.cssSelector("#search-list .search-hit"))
                                .size()
                        == 1);
        assertThat(browser.findElement(By.id("search-list")).getText())
                .contains(past)
                .doesNotContain(minor);

        // the declare form: suggestions appear while typing the title
        browser.get(baseUrl() + "/incidents/new");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("declare-similar")));
        browser.findElement(By.id("title")).sendKeys(w + " redis failover again");
        waiting().until(d -> d.findElement(By.id("declare-similar")).getText().contains(past));
        assertThat(browser.findElement(By.id("declare-similar")).getText()).contains("failover");
        assertThat(browser.findElements(By.cssSelector("#declare-similar .similar-words .badge")))
                .isNotEmpty();
    }
}
