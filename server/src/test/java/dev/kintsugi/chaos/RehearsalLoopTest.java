package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.CountermeasureDraft;
import dev.kintsugi.postmortem.CountermeasureKind;
import dev.kintsugi.postmortem.CountermeasurePriority;
import dev.kintsugi.postmortem.CountermeasureStatus;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The loop: a rehearsal countermeasure names an experiment; a passing run verifies it and marks it done, a failing
 * run of the same experiment reopens it.
 */
class RehearsalLoopTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    PostmortemManagement postmortems;

    @Autowired
    Countermeasures countermeasures;

    @Test
    void aPassingRunVerifiesTheRehearsalAndAFailingOneReopensIt() throws Exception {
        String service = unique("shop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String responder = createUser(unique("resp"), Role.RESPONDER, "pw-resp-12345");
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        try (ChaosFixture f = new ChaosFixture("db")) {
            String passing = """
                    {"title": "%s", "description": "the service answers",
                     "steady-state-hypothesis": {"title": "up", "probes": [{"type": "probe", "name": "answers",
                       "tolerance": 200, "provider": {"type": "http", "url": "http://127.0.0.1:%d/", "timeout": 2}}]},
                     "method": [{"type": "probe", "name": "look", "provider": {"type": "http",
                       "url": "http://127.0.0.1:%d/", "timeout": 2}}]}""".formatted(unique("rehearsal"), f.listenPort, f.listenPort);
            long experiment = engineer.post(
                            "/api/v1/experiments", Map.of("definition", passing, "services", List.of(service)))
                    .json()
                    .path("id")
                    .asLong();

            long incidentId = Actor.runAs(
                    responder,
                    Role.RESPONDER,
                    () -> tx.execute(s -> {
                        String key = incidents
                                .declare(new DeclareIncident(
                                        "Checkout slow",
                                        null,
                                        Severity.SEV3,
                                        List.of(service),
                                        null,
                                        null,
                                        false,
                                        null,
                                        null))
                                .key();
                        incidents.transition(key, Transition.to(IncidentStatus.RESOLVED));
                        return incidents.get(key).id();
                    }));
            assertThat(ChaosFixture.poll(
                            Duration.ofSeconds(20),
                            () -> Actor.runAs(
                                            responder,
                                            Role.RESPONDER,
                                            () -> tx.execute(s -> postmortems.findForIncident(incidentId)))
                                    .isPresent()))
                    .isTrue();
            long postmortem = Actor.runAs(
                    responder,
                    Role.RESPONDER,
                    () -> tx.execute(s -> postmortems
                            .findForIncident(incidentId)
                            .orElseThrow()
                            .id()));
            long cm = Actor.runAs(
                    responder,
                    Role.RESPONDER,
                    () -> tx.execute(s -> countermeasures
                            .create(
                                    postmortem,
                                    new CountermeasureDraft(
                                            "Rehearse the database failover monthly",
                                            null,
                                            CountermeasureKind.REHEARSAL,
                                            responder,
                                            null,
                                            LocalDate.of(2099, 1, 1),
                                            CountermeasurePriority.P2,
                                            null,
                                            null,
                                            "EXP-" + experiment))
                            .id()));

            long run = engineer.post("/api/v1/experiments/" + experiment + "/runs", Map.of())
                    .json()
                    .path("id")
                    .asLong();
            assertThat(ChaosRunEndToEndTest.waitForEnd(engineer, run)
                            .path("status")
                            .asString())
                    .isEqualTo("COMPLETED");
            assertThat(ChaosFixture.poll(Duration.ofSeconds(20), () -> view(cm).status() == CountermeasureStatus.DONE))
                    .isTrue();
            assertThat(view(cm).verifiedAt()).isNotNull();

            // a new version that fails: the service no longer answers what the hypothesis expects
            assertThat(engineer.patch(
                                    "/api/v1/experiments/" + experiment,
                                    Map.of("definition", passing.replace("\"tolerance\": 200", "\"tolerance\": 418")))
                            .status())
                    .isEqualTo(200);
            long failing = engineer.post("/api/v1/experiments/" + experiment + "/runs", Map.of())
                    .json()
                    .path("id")
                    .asLong();
            assertThat(ChaosRunEndToEndTest.waitForEnd(engineer, failing)
                            .path("status")
                            .asString())
                    .isEqualTo("FAILED");
            assertThat(ChaosFixture.poll(Duration.ofSeconds(20), () -> view(cm).status() == CountermeasureStatus.OPEN))
                    .isTrue();
            assertThat(apiAs(Role.ADMIN)
                            .get("/api/v1/audit?targetType=countermeasure&targetId=CM-" + cm)
                            .body())
                    .contains("verified by run " + run)
                    .contains("/api/v1/chaos/runs/" + failing + "/journal");
        }
    }

    private CountermeasureView view(long id) {
        return Actor.runAsSystem("test", () -> tx.execute(s -> countermeasures.get(id)));
    }
}
