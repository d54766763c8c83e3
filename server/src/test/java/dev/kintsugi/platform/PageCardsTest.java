package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The card extension point: pages list the cards other modules contribute to their slot, each is rendered for the
 * viewer at /cards/{slot}/{id}, and what the viewer may not see (a private incident) shows no card.
 */
class PageCardsTest extends IntegrationTest {
    @Autowired
    PageCards cards;

    @Autowired
    CatalogManagement catalog;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String service() {
        String team = unique("cards-team");
        String service = unique("cards-svc");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> {
                    catalog.createTeam(new TeamDraft(team, "Team " + team, null, null, List.of()));
                    return catalog.createService(
                            new ServiceDraft(service, "Service " + service, null, Tier.TIER_2, team, null, null, null));
                }));
        return service;
    }

    private static String declare(ApiClient as, String title, String service, boolean privateIncident) {
        var r = as.post(
                "/api/v1/incidents",
                Map.of("title", title, "severity", "SEV4", "services", List.of(service), "private", privateIncident));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("key").asString();
    }

    private WebSession viewer() {
        String name = createUser(unique("cards-viewer"), Role.VIEWER, "password-cards-viewer");
        return WebSession.loggedIn(baseUrl(), name, "password-cards-viewer");
    }

    @Test
    void eachSlotHasItsModulesCards() {
        assertThat(cards.of(PageCard.DASHBOARD))
                .extracting(c -> c.placement().id())
                .contains("learning");
        assertThat(cards.of(PageCard.SERVICE))
                .extracting(c -> c.placement().id())
                .contains("recent-incidents");
        assertThat(cards.of(PageCard.INCIDENT))
                .extracting(c -> c.placement().id())
                .contains("postmortem");
        assertThat(cards.of("no-such-slot")).isEmpty();
    }

    @Test
    void pagesLoadTheirSlotsCardsAndEachRendersForTheViewer() {
        String service = service();
        ApiClient responder = apiAs(Role.RESPONDER);
        String key = declare(responder, "Cards in a slot", service, false);
        WebSession web = viewer();

        assertThat(web.get("/").body()).contains("data-card=\"dashboard/learning\"", "/cards/dashboard/learning");
        assertThat(web.get("/cards/dashboard/learning").body()).contains("id=\"learning-card\"");

        assertThat(web.get("/catalog/services/" + service).body())
                .contains("/cards/service/recent-incidents?subject=" + service);
        assertThat(web.get("/cards/service/recent-incidents?subject=" + service).body())
                .contains("id=\"service-incidents\"", key, "Cards in a slot");

        assertThat(web.get("/incidents/" + key).body()).contains("/cards/incident/postmortem?subject=" + key);
        assertThat(web.get("/cards/incident/postmortem?subject=" + key).body()).contains("id=\"incident-postmortem\"");

        assertThat(web.get("/cards/dashboard/no-such-card").status()).isEqualTo(404);
        for (String nonsense : List.of("INC-x", "INC-99999999999999999999", "%3Cscript%3E")) {
            var none = web.get("/cards/incident/postmortem?subject=" + nonsense);
            assertThat(none.status()).as(nonsense).isEqualTo(200);
            assertThat(none.body()).as(nonsense).doesNotContain("incident-postmortem", "<script>");
        }
        assertThat(web.get("/cards/dashboard/learning?lang=fr").body()).contains("id=\"learning-card\"");
    }

    @Test
    void aPrivateIncidentShowsInNoCardOfSomeoneWhoMayNotSeeIt() {
        String service = service();
        String responderName = createUser(unique("cards-resp"), Role.RESPONDER, "password-cards-resp");
        ApiClient responder = apiAs(responderName);
        String secret = declare(responder, "Secret card incident", service, true);
        WebSession outsider = viewer();
        WebSession insider = WebSession.loggedIn(baseUrl(), responderName, "password-cards-resp");

        var hidden = outsider.get("/cards/incident/postmortem?subject=" + secret);
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.body()).doesNotContain("incident-postmortem", "Secret card incident", secret);
        assertThat(outsider.get("/cards/service/recent-incidents?subject=" + service)
                        .body())
                .contains("id=\"service-incidents\"")
                .doesNotContain(secret, "Secret card incident");

        assertThat(insider.get("/cards/incident/postmortem?subject=" + secret).body())
                .contains("id=\"incident-postmortem\"");
        assertThat(insider.get("/cards/service/recent-incidents?subject=" + service)
                        .body())
                .contains(secret, "Secret card incident");
    }

    @Test
    void inABrowserTheCardsReplaceTheirPlaceholders() {
        String service = service();
        String name = createUser(unique("cards-web"), Role.RESPONDER, "password-cards-web");
        String key = declare(apiAs(name), "Cards in the browser", service, false);
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), name, "password-cards-web");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("learning-card")));
        browser.get(baseUrl() + "/catalog/services/" + service);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("service-incidents"), key));
        browser.get(baseUrl() + "/incidents/" + key);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-postmortem")));
        // every card of the page replaces its placeholder (cards load one by one: wait for the last)
        wait.until(d -> d.findElements(By.cssSelector(".card-placeholder")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".card-placeholder"))).isEmpty();
    }
}
