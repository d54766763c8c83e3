package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Similar incidents: a text like a past incident's finds it first, with the words they share; the same service
 * ranks higher; the incident page shows them (not itself) in its card.
 */
class SimilarIncidentsTest extends SearchTestSupport {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    PostmortemManagement postmortems;

    private <T> T as(String user, Role role, Supplier<T> work) {
        return Actor.runAs(user, role, () -> tx.execute(s -> work.get()));
    }

    @Test
    void aTextLikeAPastIncidentFindsItWithTheWordsInCommon() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String svc = service(team(responder));
        String w = word();
        String past = declare(
                api,
                "Checkout " + w + " connection pool exhausted",
                "After the deploy the checkout database connection pool was exhausted and payments timed out",
                "SEV2",
                List.of(svc),
                false);
        String other = declare(
                api,
                "Search " + w + " index lagging",
                "Indexing workers fell behind the queue",
                "SEV4",
                List.of(),
                false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(past, other)));

        JsonNode similar = api.get("/api/v1/search/similar?title=" + enc(w + " pool exhausted on the checkout database")
                        + "&description=" + enc("payments time out") + "&service=" + svc)
                .json();
        assertThat(similar.get(0).get("ref").asString()).isEqualTo(past);
        assertThat(similar.get(0).get("matched").valueStream().map(JsonNode::asString))
                .contains("pool", "exhausted");
        // excluding the incident itself (its own page)
        JsonNode excluded = api.get(
                        "/api/v1/search/similar?title=" + enc(w + " connection pool exhausted") + "&exclude=" + past)
                .json();
        assertThat(excluded.valueStream().map(h -> h.get("ref").asString())).doesNotContain(past);
        // nothing typed: nothing suggested
        assertThat(api.get("/api/v1/search/similar").json().size()).isZero();
    }

    @Test
    void theSameServiceRanksFirst() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String team = team(responder);
        String mine = service(team);
        String theirs = service(team);
        String w = word();
        String onTheirs =
                declare(api, w + " certificate expired", "The TLS certificate expired", "SEV3", List.of(theirs), false);
        String onMine =
                declare(api, w + " certificate expired", "The TLS certificate expired", "SEV3", List.of(mine), false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(onTheirs, onMine)));
        JsonNode similar = api.get(
                        "/api/v1/search/similar?title=" + enc(w + " certificate expired") + "&service=" + mine)
                .json();
        assertThat(similar.get(0).get("ref").asString()).isEqualTo(onMine);
        JsonNode other = api.get(
                        "/api/v1/search/similar?title=" + enc(w + " certificate expired") + "&service=" + theirs)
                .json();
        assertThat(other.get(0).get("ref").asString()).isEqualTo(onTheirs);
    }

    @Test
    void theIncidentPageAndTheDeclareFormShowThem() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String w = word();
        String past =
                declare(api, w + " kafka broker disk full", "The broker disk filled up", "SEV2", List.of(), false);
        String now =
                declare(api, w + " kafka broker disk full again", "Disk full on a broker", "SEV2", List.of(), false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(past, now)));

        WebSession web = WebSession.loggedIn(baseUrl(), responder, "password-" + responder);
        assertThat(web.get("/incidents/" + now).body()).contains("data-card=\"incident/similar\"");
        String card = await().atMost(Duration.ofSeconds(10))
                .until(() -> web.get("/cards/incident/similar?subject=" + now).body(), b -> b.contains(past));
        assertThat(card)
                .contains("incident-similar")
                .doesNotContain(">" + now + "<")
                .contains("kafka");

        assertThat(web.get("/incidents/new").body()).contains("data-card=\"declare/similar\"");
        assertThat(web.get("/cards/declare/similar").body()).contains("hx-get=\"/search/similar\"");
        String typed =
                web.get("/search/similar?title=" + enc(w + " broker disk full")).body();
        assertThat(typed).contains(past).contains("<mark>");
        String french = web.get("/search/similar", java.util.Map.of("Accept-Language", "fr"))
                .body();
        assertThat(french).contains("Tapez un titre");
    }

    @Test
    void thePostmortemEditorShowsThemToo() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String w = word();
        String past = declare(
                api,
                w + " certificate expired on the gateway",
                "The TLS certificate expired",
                "SEV2",
                List.of(),
                false);
        String now = declare(
                api,
                w + " certificate expired on the gateway again",
                "TLS certificate expiry",
                "SEV2",
                List.of(),
                false,
                responder);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(past, now)));
        assertThat(api.post("/api/v1/incidents/" + now + "/transitions", java.util.Map.of("to", "RESOLVED"))
                        .status())
                .isEqualTo(200);
        long incidentId = as(responder, Role.RESPONDER, () -> incidents.get(now).id());
        long pm = await().atMost(DEADLINE)
                .until(
                        () -> as(responder, Role.RESPONDER, () -> postmortems.idForIncident(incidentId))
                                .orElse(-1L),
                        id -> id > 0);

        WebSession web = WebSession.loggedIn(baseUrl(), responder, "password-" + responder);
        assertThat(web.get("/postmortems/" + pm + "/edit").body()).contains("data-card=\"postmortem-edit/similar\"");
        String card = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> web.get("/cards/postmortem-edit/similar?subject=" + pm)
                                .body(),
                        b -> b.contains(past));
        assertThat(card)
                .contains("postmortem-similar")
                .doesNotContain(">" + now + "<")
                .doesNotContain(">PM-" + pm + "<")
                .contains("certificate");
    }
}
