package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The chaos pages through real HTTP: the form's errors, roles on forms, the cards, a target checked now. */
class ChaosPageTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    private WebSession as(Role role) {
        String name = unique("page");
        createUser(name, role, "password-" + name);
        return WebSession.loggedIn(baseUrl(), name, "password-" + name);
    }

    @Test
    void theFormGeneratesAnExperimentAndTheRawEditorShowsTheEnginesErrors() {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        WebSession engineer = as(Role.CHAOS_ENGINEER);
        engineer.get("/chaos/experiments/new");
        WebSession.Page saved = engineer.post(
                "/chaos/experiments",
                Map.ofEntries(
                        Map.entry("mode", "form"),
                        Map.entry("service", service),
                        Map.entry("title", "Checkout latency from the form"),
                        Map.entry("description", "the database is slow"),
                        Map.entry("fault", "latency"),
                        Map.entry("amount", "800"),
                        Map.entry("duration", "20"),
                        Map.entry("proxyApiUrl", "http://127.0.0.1:8474"),
                        Map.entry("proxy", "checkout-db"),
                        Map.entry("probeUrl", "http://127.0.0.1:9/"),
                        Map.entry("expectedStatus", "200"),
                        Map.entry("raw", "")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        WebSession.Page page = engineer.get(saved.location().replace(baseUrl(), ""));
        assertThat(page.body())
                .contains("Checkout latency from the form")
                .contains("add_toxic")
                .contains("remove_toxic")
                .contains("id=\"run-experiment\"");

        engineer.get("/chaos/experiments/new");
        WebSession.Page refused = engineer.post(
                "/chaos/experiments",
                Map.of(
                        "mode", "raw",
                        "service", service,
                        "raw", "{\"title\": \"t\", \"description\": \"d\", \"method\": []}"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"experiment-errors\"").contains("$.method");
    }

    @Test
    void aViewerSeesThePagesButCannotSaveRunOrEngage() {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        WebSession viewer = as(Role.VIEWER);
        WebSession.Page list = viewer.get("/chaos/experiments");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("id=\"new-experiment\"");
        assertThat(viewer.post("/chaos/experiments", Map.of("mode", "raw", "service", service, "raw", "{}"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.post("/chaos/kill-switch/engage", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.get("/cards/banner/chaos-kill-switch").body()).doesNotContain("kill-switch-engage");
        WebSession engineer = as(Role.CHAOS_ENGINEER);
        assertThat(engineer.get("/cards/banner/chaos-kill-switch").body()).contains("kill-switch-engage");
    }

    @Test
    void theServicePageCardListsTargetsAndChecksThemNow() throws Exception {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            ApiClient.Response up = engineer.post(
                    "/api/v1/services/" + service + "/chaos-targets",
                    Map.of("kind", "PROXY", "name", "checkout-proxy", "url", f.api, "proxies", List.of("db")));
            assertThat(up.status()).as(up.body()).isEqualTo(201);
            ApiClient.Response down = engineer.post(
                    "/api/v1/services/" + service + "/chaos-targets",
                    Map.of("kind", "HTTP", "name", "nothing-there", "url", "http://127.0.0.1:9/health"));
            assertThat(down.status()).as(down.body()).isEqualTo(201);

            WebSession viewer = as(Role.VIEWER);
            String card =
                    viewer.get("/cards/service/chaos-runs?subject=" + service).body();
            assertThat(card).contains("checkout-proxy").contains("nothing-there");
            assertThat(viewer.get("/chaos/services/" + service + "/targets/"
                                    + up.json().path("id").asLong() + "/reachability")
                            .body())
                    .contains("status-RESOLVED");
            assertThat(engineer.get("/api/v1/services/" + service + "/chaos-targets/"
                                    + down.json().path("id").asLong() + "/reachability")
                            .json()
                            .path("reachable")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void theHubListsTheBuiltInExperimentsAndPrefillsTheForm() {
        WebSession engineer = as(Role.CHAOS_ENGINEER);
        String hub = engineer.get("/chaos/hub").body();
        for (String t : List.of(
                "dependency-latency",
                "dependency-down",
                "connection-reset",
                "bandwidth-starvation",
                "slow-close",
                "http-503-storm",
                "pod-kill")) {
            assertThat(hub).contains("data-template=\"" + t + "\"");
        }
        String form =
                engineer.get("/chaos/experiments/new?template=http-503-storm").body();
        assertThat(form)
                .contains("value=\"HTTP 503 storm\"")
                .containsPattern("value=\"http_error\"\\s+selected")
                .contains("value=\"503\"");
        assertThat(engineer.get("/chaos/experiments/new?template=nope").status())
                .isEqualTo(404);
    }
}
