package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.CountermeasureDraft;
import dev.kintsugi.postmortem.CountermeasureKind;
import dev.kintsugi.postmortem.CountermeasurePriority;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemEditing;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemPublication;
import dev.kintsugi.support.ApiClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The search API over real events: what people declare, edit and publish is found within a deadline; phrases,
 * prefixes, typos, filters and facets; French and English stems; privacy in hits and counts; bad queries.
 */
class SearchApiTest extends SearchTestSupport {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    PostmortemManagement postmortems;

    @Autowired
    PostmortemEditing editing;

    @Autowired
    PostmortemPublication publication;

    @Autowired
    Countermeasures countermeasures;

    private <T> T as(String user, Role role, Supplier<T> work) {
        return Actor.runAs(user, role, () -> tx.execute(s -> work.get()));
    }

    @Test
    void aDeclaredIncidentIsFoundAndAnEditReplacesItsWords() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String team = team(responder);
        String svc = service(team);
        String first = word();
        String second = word();
        String key =
                declare(api, "Checkout " + first + " errors", "The card form timed out", "SEV2", List.of(svc), false);

        var found = searchUntil(api, "q=" + first, r -> refs(r).contains(key));
        var hit = found.get("hits").get(0);
        assertThat(hit.get("type").asString()).isEqualTo("INCIDENT");
        assertThat(hit.get("url").asString()).isEqualTo("/incidents/" + key);
        assertThat(hit.get("titleHtml").asString()).contains("<mark>" + first + "</mark>");
        assertThat(hit.get("services").get(0).asString()).isEqualTo(svc);
        assertThat(facet(found, "service", svc)).isEqualTo(1);
        assertThat(facet(found, "team", team)).isEqualTo(1);
        assertThat(facet(found, "severity", "SEV2")).isEqualTo(1);

        var edited = api.patch("/api/v1/incidents/" + key, Map.of("description", "Now it says " + second));
        assertThat(edited.status()).isEqualTo(200);
        searchUntil(api, "q=" + second, r -> refs(r).contains(key));
        // the description changed, the title did not: the old word stays (title), the new one is found
        assertThat(refs(search(api, "q=" + first))).contains(key);
        String note = word();
        assertThat(api.post("/api/v1/incidents/" + key + "/timeline", Map.of("body", "Rolled back " + note))
                        .status())
                .isBetween(200, 201);
        searchUntil(api, "q=" + note, r -> refs(r).contains(key));
    }

    @Test
    void aPublishedPostmortemIsFoundByItsFactorsLessonsAndCountermeasures() {
        String author = unique("resp");
        createUser(author, Role.RESPONDER, "password-" + author);
        ApiClient api = apiAs(author);
        String svc = service(team(author));
        String factor = word();
        String lesson = word();
        String fix = word();
        String tag = word();
        String key = declare(api, "Payments slow", "Latency grew", "SEV3", List.of(svc), false, author);
        assertThat(api.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "RESOLVED"))
                        .status())
                .isEqualTo(200);
        long incidentId = as(author, Role.RESPONDER, () -> incidents.get(key).id());
        Postmortem draft = await().atMost(DEADLINE)
                .until(
                        () -> as(author, Role.RESPONDER, () -> postmortems.findForIncident(incidentId))
                                .orElse(null),
                        p -> p != null);
        as(author, Role.RESPONDER, () -> {
            PostmortemContent c = draft.content();
            editing.update(
                    draft.id(),
                    null,
                    new PostmortemContent(
                            c.title(),
                            c.severity(),
                            c.scheduled(),
                            c.facilitator(),
                            c.owner(),
                            "The pool was exhausted",
                            "Customers waited",
                            "The failover worked",
                            "The " + lesson + " logs were noisy",
                            "It was a quiet day",
                            "An alert on the error rate",
                            c.participants(),
                            List.of(tag),
                            c.services(),
                            List.of(new PostmortemContent.Factor(
                                    FactorCategory.TECHNICAL, "The " + factor + " was too small")),
                            List.of(),
                            List.of()));
            countermeasures.create(
                    draft.id(),
                    new CountermeasureDraft(
                            "Grow the " + fix + " pool",
                            "Size it for the burst",
                            CountermeasureKind.DESIGN_CHANGE,
                            author,
                            null,
                            LocalDate.of(2099, 1, 1),
                            CountermeasurePriority.P2,
                            null,
                            null,
                            null));
            publication.submitForReview(draft.id(), null);
            return null;
        });
        as("admin", Role.ADMIN, () -> publication.approve(draft.id(), null, "Reads blameless and complete"));
        as(author, Role.RESPONDER, () -> publication.publish(draft.id(), null, null));

        String pm = "PM-" + draft.id();
        var byFactor = searchUntil(
                api,
                "q=" + factor + "&type=POSTMORTEM",
                r -> r.get("hits")
                        .valueStream()
                        .anyMatch(h -> h.get("ref").asString().equals(pm)
                                && h.get("status").asString().equals("PUBLISHED")));
        assertThat(byFactor.get("hits").get(0).get("snippetHtml").asString()).contains("<mark>" + factor + "</mark>");
        assertThat(refs(search(api, "q=" + lesson))).contains(pm);
        assertThat(refs(search(api, "q=" + enc("tag:" + tag + " type:postmortem"))))
                .containsExactly(pm);
        // the countermeasure is a document of its own, and the post-mortem's tag and services follow it
        var cm = search(api, "q=" + fix);
        assertThat(cm.get("hits").get(0).get("type").asString()).isEqualTo("COUNTERMEASURE");
        assertThat(refs(search(api, "q=" + enc(fix + " service:" + svc)))).hasSize(1);
    }

    @Test
    void phrasesPrefixesTyposFiltersAndFacets() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String team = team(responder);
        String a = service(team);
        String b = service(team);
        String w = word();
        String one = declare(api, w + " disk full on primary", "Writes failed", "SEV1", List.of(a), false);
        String two = declare(api, w + " primary disk nearly full", "Alerts fired", "SEV3", List.of(b), false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(one, two)));

        assertThat(refs(search(api, "q=" + enc(w + " \"disk full\"")))).containsExactly(one);
        assertThat(refs(search(api, "q=" + enc(w.substring(0, 7) + "*")))).contains(one, two);
        // one letter wrong: still found
        String typo = w.substring(0, 5) + (w.charAt(5) == 'x' ? 'y' : 'x') + w.substring(6);
        assertThat(refs(search(api, "q=" + typo))).contains(one, two);
        assertThat(refs(search(api, "q=" + enc(w + " severity:SEV1")))).containsExactly(one);
        assertThat(refs(search(api, "q=" + w + "&severity=SEV3"))).containsExactly(two);
        assertThat(refs(search(api, "q=" + enc(w + " service:" + b)))).containsExactly(two);
        assertThat(refs(search(api, "q=" + enc(w + " team:" + team)))).contains(one, two);
        assertThat(refs(search(api, "q=" + enc(w + " type:experiment")))).isEmpty();
        assertThat(refs(search(api, "q=" + enc(w + " -nearly")))).containsExactly(one);

        var all = search(api, "q=" + w);
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(facet(all, "type", "incident")).isEqualTo(2);
        assertThat(facet(all, "service", a)).isEqualTo(1);
        assertThat(facet(all, "service", b)).isEqualTo(1);
        assertThat(facet(all, "team", team)).isEqualTo(2);
        assertThat(facet(all, "severity", "SEV1")).isEqualTo(1);

        // a period that holds the incidents' declaration (the application clock's year) and one that does not
        int declaredYear = java.time.Instant.parse(
                        all.get("hits").get(0).get("date").asString())
                .atZone(java.time.ZoneOffset.UTC)
                .getYear();
        assertThat(refs(search(api, "q=" + enc(w + " period:" + declaredYear)))).contains(one, two);
        assertThat(refs(search(api, "q=" + enc(w + " period:" + (declaredYear - 5)))))
                .isEmpty();
        assertThat(refs(search(api, "q=" + enc(w + " before:" + (declaredYear - 5) + "-01-01"))))
                .isEmpty();
        assertThat(refs(search(api, "q=" + enc(w + " after:" + (declaredYear - 1) + "-01-01"))))
                .contains(one, two);

        // paging: one per page
        var page0 = search(api, "q=" + w + "&size=1&page=0");
        var page1 = search(api, "q=" + w + "&size=1&page=1");
        assertThat(page0.get("total").asLong()).isEqualTo(2);
        assertThat(refs(page0)).hasSize(1);
        assertThat(refs(page1)).hasSize(1).doesNotContainAnyElementsOf(refs(page0));
    }

    @Test
    void frenchAndEnglishWordsAreFoundByTheirStems() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String w = word();
        String fr = declare(
                api,
                w + " : l'incident de paiement",
                "Les redémarrages successifs des serveurs ont coupé les paiements",
                "SEV3",
                List.of(),
                false);
        String en = declare(api, w + " restarting workers", "Workers kept restarting", "SEV3", List.of(), false);
        searchUntil(api, "q=" + w, r -> refs(r).containsAll(List.of(fr, en)));
        assertThat(refs(search(api, "q=" + enc(w + " redémarrage")))).containsExactly(fr);
        assertThat(refs(search(api, "q=" + enc(w + " serveur")))).containsExactly(fr);
        assertThat(refs(search(api, "q=" + enc(w + " paiement")))).containsExactly(fr);
        assertThat(refs(search(api, "q=" + enc(w + " incidents")))).contains(fr);
        assertThat(refs(search(api, "q=" + enc(w + " restarted")))).containsExactly(en);
        // without accents too
        assertThat(refs(search(api, "q=" + enc(w + " redemarrages")))).containsExactly(fr);
    }

    @Test
    void privateIncidentsAreFoundAndCountedOnlyForTheirParticipantsAndAdmins() {
        String insider = unique("resp");
        ApiClient insiderApi = apiAs(createUser(insider, Role.RESPONDER, "password-" + insider));
        String outsider = unique("resp");
        ApiClient outsiderApi = apiAs(createUser(outsider, Role.RESPONDER, "password-" + outsider));
        ApiClient admin = apiAs(Role.ADMIN);
        String svc = service(team(insider));
        String w = word();
        String secret = declare(insiderApi, w + " secret breach", "Keys leaked", "SEV1", List.of(svc), true);
        String open = declare(insiderApi, w + " public outage", "Pages slow", "SEV4", List.of(svc), false);
        searchUntil(insiderApi, "q=" + w, r -> refs(r).containsAll(List.of(secret, open)));

        var mine = search(insiderApi, "q=" + w);
        assertThat(mine.get("total").asLong()).isEqualTo(2);
        assertThat(facet(mine, "severity", "SEV1")).isEqualTo(1);
        assertThat(refs(search(admin, "q=" + w))).contains(secret, open);

        var theirs = searchUntil(outsiderApi, "q=" + w, r -> refs(r).contains(open));
        assertThat(refs(theirs)).containsExactly(open);
        assertThat(theirs.get("total").asLong()).isEqualTo(1);
        assertThat(facet(theirs, "type", "incident")).isEqualTo(1);
        assertThat(facet(theirs, "service", svc)).isEqualTo(1);
        assertThat(facet(theirs, "severity", "SEV1")).isZero();
        assertThat(search(outsiderApi, "q=" + enc("secret breach " + w))
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(outsiderApi
                        .get("/api/v1/search/similar?title=" + enc(w + " secret breach"))
                        .json()
                        .valueStream()
                        .map(h -> h.get("ref").asString()))
                .doesNotContain(secret);

        // once they join, they see it
        assertThat(insiderApi
                        .post("/api/v1/incidents/" + secret + "/participants", Map.of("username", outsider))
                        .status())
                .isEqualTo(200);
        searchUntil(outsiderApi, "q=" + w, r -> refs(r).contains(secret));
    }

    @Test
    void badQueriesAreProblemDetailsNamingTheParameter() {
        ApiClient api = apiAs(Role.VIEWER);
        for (String q : List.of("\"unclosed", "(a OR", "nosuchfield:x", "period:2026-13", "type:nonsense", "AND")) {
            var r = api.get("/api/v1/search?q=" + enc(q));
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asString()).as(q).isEqualTo("q");
        }
        var longQ = api.get("/api/v1/search?q=" + "a".repeat(QueryText.MAX_LENGTH + 1));
        assertThat(longQ.status()).isEqualTo(400);
        assertThat(longQ.json().get("field").asString()).isEqualTo("q");
        assertThat(api.get("/api/v1/search?type=BOGUS").json().get("field").asString())
                .isEqualTo("type");
        assertThat(api.get("/api/v1/search?size=0").json().get("field").asString())
                .isEqualTo("size");
        assertThat(api.get("/api/v1/search?page=-1").json().get("field").asString())
                .isEqualTo("page");
        assertThat(api.get("/api/v1/search?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("to");
        var french = api.withHeader("Accept-Language", "fr").get("/api/v1/search?q=" + enc("nosuchfield:x"));
        assertThat(french.json().toString()).contains("il n’y a pas de champ");
        // rebuilding is for admins
        assertThat(api.post("/api/v1/search/rebuild", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/search/rebuild").status()).isEqualTo(403);
    }

    @Test
    void incidentTransitionsKeepTheDocumentCurrent() {
        String responder = unique("resp");
        ApiClient api = apiAs(createUser(responder, Role.RESPONDER, "password-" + responder));
        String w = word();
        String key = declare(api, w + " queue backlog", "Consumers lag", "SEV3", List.of(), false);
        searchUntil(api, "q=" + enc(w + " status:investigating"), r -> refs(r).contains(key));
        as(responder, Role.RESPONDER, () -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
        searchUntil(api, "q=" + enc(w + " status:resolved"), r -> refs(r).contains(key));
    }
}
