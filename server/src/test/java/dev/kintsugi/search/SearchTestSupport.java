package dev.kintsugi.search;

import static org.awaitility.Awaitility.await;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What the search tests share: unique words, teams and services, incidents declared through the API. */
abstract class SearchTestSupport extends IntegrationTest {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    protected CatalogManagement catalog;

    /** A word no other test writes: letters only, so that every analyser keeps it whole. */
    static String word() {
        StringBuilder b = new StringBuilder("zq");
        for (int i = 0; i < 9; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    protected String team(String... members) {
        String name = unique("team");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(
                        s -> catalog.createTeam(new TeamDraft(name, "Team " + name, null, null, List.of(members)))));
        return name;
    }

    protected String service(String team) {
        String name = unique("svc");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> catalog.createService(
                        new ServiceDraft(name, "Service " + name, null, Tier.TIER_2, team, null, null, null))));
        return name;
    }

    /** Declares an incident through the API; answers its key. */
    static String declare(
            ApiClient api,
            String title,
            String description,
            String severity,
            List<String> services,
            boolean privateIncident) {
        return declare(api, title, description, severity, services, privateIncident, null);
    }

    /** Declares an incident through the API, with a commander (who may then publish its post-mortem). */
    static String declare(
            ApiClient api,
            String title,
            String description,
            String severity,
            List<String> services,
            boolean privateIncident,
            String commander) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "title", title,
                "description", description,
                "severity", severity,
                "services", services,
                "private", privateIncident));
        if (commander != null) {
            body.put("commander", commander);
        }
        var r = api.post("/api/v1/incidents", body);
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError("declare: " + r);
        }
        return r.json().get("key").asString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The search API's answer to {@code query} (already a query string), once {@code until} holds. */
    static JsonNode searchUntil(ApiClient api, String query, Predicate<JsonNode> until) {
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            var r = api.get("/api/v1/search?" + query);
                            if (r.status() != 200) {
                                throw new AssertionError("search: " + r);
                            }
                            return r.json();
                        },
                        until);
    }

    static JsonNode search(ApiClient api, String query) {
        var r = api.get("/api/v1/search?" + query);
        if (r.status() != 200) {
            throw new AssertionError("search: " + r);
        }
        return r.json();
    }

    static List<String> refs(JsonNode results) {
        return results.get("hits")
                .valueStream()
                .map(h -> h.get("ref").asString())
                .toList();
    }

    static long facet(JsonNode results, String dim, String value) {
        return results.get("facets")
                .get(dim)
                .valueStream()
                .filter(f -> f.get("value").asString().equals(value))
                .mapToLong(f -> f.get("count").asLong())
                .sum();
    }
}
