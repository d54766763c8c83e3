package dev.kintsugi.alerting;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Eventually;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Shared set-up of the alerting tests: a team with a responder, a service it owns, integrations, fixtures. */
abstract class AlertingFixtures extends IntegrationTest {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    CatalogManagement catalog;

    String team;
    String service;
    String responder;
    ApiClient api;

    void organisation() {
        team = unique("squad");
        service = unique("svc");
        responder = unique("resp");
        createUser(responder, Role.RESPONDER, "password-" + responder);
        tx.executeWithoutResult(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, null, List.of(responder)));
            catalog.createService(
                    new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null));
        });
        api = apiAs(responder);
    }

    /** Gives the team a default escalation policy that pages the responder (through the on-call API). */
    void teamDefaultEscalationPolicy() {
        ApiClient.Response policy = api.post(
                "/api/v1/oncall/escalation-policies",
                Map.of(
                        "name",
                        unique("policy"),
                        "displayName",
                        "Default of " + team,
                        "team",
                        team,
                        "teamDefault",
                        true,
                        "levels",
                        List.of(Map.of("type", "USER", "target", responder, "timeoutMinutes", 5)),
                        "repeat",
                        0));
        if (policy.status() != 201) {
            throw new AssertionError("escalation policy not created: " + policy);
        }
    }

    /** Creates an integration of the service through the API; its JSON answer (with the key). */
    JsonNode integration(SourceType type, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique(type.name().toLowerCase()));
        body.put("sourceType", type.name());
        body.put("service", service);
        body.putAll(extra);
        ApiClient.Response r = api.post("/api/v1/alerting/integrations", body);
        if (r.status() != 201) {
            throw new AssertionError("integration not created: " + r);
        }
        return r.json();
    }

    static String fixture(String name) {
        try (InputStream in = AlertingFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String body, String contentType) {
        JsonNode json() {
            return ApiClient.JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String body) {
        return post(path, body, Map.of());
    }

    /** The integration's alert groups, through the API. */
    JsonNode groups(long integrationId) {
        return api.get("/api/v1/alerting/groups?integration=" + integrationId).json();
    }

    /** Polls until {@code check} holds (20 s at most): processing is asynchronous, from the spool. */
    static <T> T await(Supplier<T> value, java.util.function.Predicate<T> check, String what) {
        return Eventually.await(Duration.ofSeconds(20), value, check, what);
    }

    JsonNode awaitGroups(long integrationId, int count) {
        return await(() -> groups(integrationId), g -> g.size() == count, count + " group(s) of " + integrationId);
    }

    JsonNode group(long id) {
        return api.get("/api/v1/alerting/groups/" + id).json();
    }
}
