package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The product's guardrails (refusals with their reason), a SEV1 declared mid-run, the kill switch during runs, and
 * who may do what. Runs use real sockets (an embedded proxy in front of a small HTTP service).
 */
class ChaosSafetyTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    java.time.Clock clock;

    private String newService() {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        return service;
    }

    private static long create(ApiClient api, String definition, String service) {
        ApiClient.Response r =
                api.post("/api/v1/experiments", Map.of("definition", definition, "services", List.of(service)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private String declare(String service, Severity severity) {
        return tx.execute(s -> incidents
                .declare(new DeclareIncident(
                        "Checkout down", null, severity, List.of(service), null, null, false, null, null))
                .key());
    }

    @Test
    void anOpenSev1OnATargetServiceRefusesTheRunWithItsReason() throws Exception {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            long id = create(engineer, f.experiment(unique("refused"), 100, 0), service);
            String key = declare(service, Severity.SEV1);
            try {
                ApiClient.Response r = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of());
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.json().path("reason").asString()).isEqualTo("chaos.refused.incident");
                assertThat(r.json().path("detail").asString()).contains(key).contains("SEV1");
                assertThat(engineer.get("/api/v1/experiments/" + id + "/runs")
                                .json()
                                .size())
                        .as("nothing recorded")
                        .isZero();
            } finally {
                tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
            }
        }
    }

    @Test
    void outsideTheWindowAndOverTheCapsAndOutsideTheAllowListAreRefused() throws Exception {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            long id = create(engineer, f.experiment(unique("policy"), 100, 0), service);
            // a window of one minute, twelve hours from the application clock's now (in UTC)
            int hour = (clock.instant().atZone(java.time.ZoneOffset.UTC).getHour() + 12) % 24;
            String start = "%02d:00".formatted(hour);
            String end = "%02d:01".formatted(hour);
            ApiClient.Response put = engineer.put(
                    "/api/v1/services/" + service + "/chaos-policy",
                    Map.of("windowStart", start, "windowEnd", end, "windowZone", "UTC"));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            ApiClient.Response r = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of());
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("reason").asString()).isEqualTo("chaos.refused.window");

            put = engineer.put(
                    "/api/v1/services/" + service + "/chaos-policy",
                    Map.of("allowedProxies", List.of("only-this-one")));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            r = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of());
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("reason").asString()).isEqualTo("chaos.refused.allow-list");
            assertThat(r.json().path("detail").asString()).contains("db");

            put = engineer.put("/api/v1/services/" + service + "/chaos-policy", Map.of("maxConcurrentRuns", 1));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            long slow = create(engineer, f.experimentWithoutRollback(unique("slow"), 10, 30), service);
            ApiClient.Response first = engineer.post("/api/v1/experiments/" + slow + "/runs", Map.of());
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            long run = first.json().path("id").asLong();
            try {
                r = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of());
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.json().path("reason").asString()).isEqualTo("chaos.refused.concurrent");
            } finally {
                engineer.post("/api/v1/chaos/runs/" + run + "/stop", null);
                ChaosRunEndToEndTest.waitForEnd(engineer, run);
            }
            assertThat(f.toxics()).as("the stopped run left nothing").isEmpty();
        }
    }

    @Test
    void aSev1DeclaredMidRunStopsItAndRollsBack() throws Exception {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            long id = create(engineer, f.experiment(unique("mid-run"), 10, 60), service);
            long run = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of())
                    .json()
                    .path("id")
                    .asLong();
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(30), () -> f.toxics().size() == 1))
                    .isTrue();
            String key = declare(service, Severity.SEV1);
            try {
                JsonNode ended = ChaosRunEndToEndTest.waitForEnd(engineer, run);
                assertThat(ended.path("status").asString()).isEqualTo("INTERRUPTED");
                assertThat(ended.path("stopReason").asString()).contains(key);
                assertThat(f.toxics()).as("rolled back").isEmpty();
            } finally {
                tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
            }
        }
    }

    @Test
    void aSev3OnATargetServiceHearsWhatTheExperimentInjects() throws Exception {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        String key = declare(service, Severity.SEV3);
        try (ChaosFixture f = new ChaosFixture("db")) {
            String title = unique("loop");
            long id = create(engineer, f.experiment(title, 10, 60), service);
            long run = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of())
                    .json()
                    .path("id")
                    .asLong();
            try {
                assertThat(ChaosFixture.poll(
                                Duration.ofSeconds(30),
                                () -> engineer.get("/api/v1/chaos/runs/" + run)
                                        .json()
                                        .path("incidents")
                                        .toString()
                                        .contains(key)))
                        .isTrue();
                ApiClient.Response timeline = engineer.get("/api/v1/incidents/" + key + "/timeline");
                assertThat(timeline.body()).contains(title).contains("latency_downstream");
            } finally {
                engineer.post("/api/v1/chaos/runs/" + run + "/stop", null);
                ChaosRunEndToEndTest.waitForEnd(engineer, run);
                tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
            }
        }
    }

    @Test
    void theKillSwitchStopsEveryRunRevertsEveryFaultAndBlocksNewRuns() throws Exception {
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        List<ChaosFixture> fixtures = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ChaosFixture f = new ChaosFixture("db" + i);
                fixtures.add(f);
                String service = newService();
                long id = create(engineer, f.experimentWithoutRollback(unique("kill"), 10, 60), service);
                runs.add(engineer.post("/api/v1/experiments/" + id + "/runs", Map.of())
                        .json()
                        .path("id")
                        .asLong());
            }
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(30),
                            () -> fixtures.stream().allMatch(f -> f.toxics().size() == 1)))
                    .isTrue();

            ApiClient.Response engaged = engineer.post("/api/v1/chaos/kill-switch/engage?reason=test", null);
            assertThat(engaged.status()).as(engaged.body()).isEqualTo(200);
            assertThat(engaged.json().path("state").path("engaged").asBoolean()).isTrue();
            // when the engage call answers, every fault is already gone from the data plane
            for (ChaosFixture f : fixtures) {
                assertThat(f.toxics()).isEmpty();
            }
            for (long run : runs) {
                assertThat(ChaosRunEndToEndTest.waitForEnd(engineer, run)
                                .path("status")
                                .asString())
                        .isEqualTo("INTERRUPTED");
            }
            long another = create(engineer, fixtures.get(0).experiment(unique("blocked"), 10, 0), newService());
            ApiClient.Response refused = engineer.post("/api/v1/experiments/" + another + "/runs", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("reason").asString()).isEqualTo("chaos.refused.kill-switch");
            assertThat(apiAs(Role.ADMIN)
                            .get("/api/v1/audit?action=chaos.kill-switch.&targetType=chaos-kill-switch")
                            .body())
                    .as("audited")
                    .contains("chaos.kill-switch.engaged");
        } finally {
            assertThat(engineer.post("/api/v1/chaos/kill-switch/release", null).status())
                    .isEqualTo(200);
            fixtures.forEach(ChaosFixture::close);
        }
        assertThat(engineer.get("/api/v1/chaos/kill-switch")
                        .json()
                        .path("engaged")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void viewersAndRespondersCannotWriteExperimentsRunThemOrTouchTheKillSwitch() throws Exception {
        String service = newService();
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        long id = create(engineer, """
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "p",
                   "provider": {"type": "kintsugi", "func": "tcp_connect", "arguments": {"host": "127.0.0.1", "port": 1}}}]}""", service);
        for (Role role : List.of(Role.VIEWER, Role.RESPONDER)) {
            ApiClient api = apiAs(role);
            assertThat(api.get("/api/v1/experiments/" + id).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/experiments", Map.of("definition", "{}", "services", List.of(service)))
                            .status())
                    .isEqualTo(403);
            assertThat(api.patch("/api/v1/experiments/" + id, Map.of("definition", "{}"))
                            .status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/experiments/" + id + "/runs", Map.of()).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/chaos/kill-switch/engage", null).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/chaos/kill-switch/release", null).status())
                    .isEqualTo(403);
            assertThat(api.post(
                                    "/api/v1/services/" + service + "/chaos-targets",
                                    Map.of("kind", "HTTP", "name", "x", "url", "http://127.0.0.1:1"))
                            .status())
                    .isEqualTo(403);
        }
        assertThat(engineer.get("/api/v1/experiments/" + id + "/runs").json().size())
                .isZero();
        assertThat(engineer.get("/api/v1/chaos/kill-switch")
                        .json()
                        .path("engaged")
                        .asBoolean())
                .isFalse();
    }
}
