package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/** Event flows across modules, as Spring Modulith scenarios: a stimulus, then the event it must cause. */
@EnableScenarios
class PostmortemScenarioTest extends PostmortemFixtures {

    @Test
    void resolvingAnIncidentDraftsItsPostmortemWithTheIncidentsServicesAndTeams(Scenario scenario) {
        String author = responder();
        String owners = team(author);
        String svc = service(owners);
        long serviceId = as(author, Role.RESPONDER, () -> catalog.service(svc).id());
        long teamId = as(author, Role.RESPONDER, () -> catalog.team(owners).id());
        String key = as(
                author,
                Role.RESPONDER,
                () -> incidents
                        .declare(new DeclareIncident(
                                unique("Queue backlog"),
                                "Orders wait",
                                Severity.SEV2,
                                List.of(svc),
                                null,
                                null,
                                false,
                                author,
                                null))
                        .key());
        long incidentId = as(author, Role.RESPONDER, () -> incidents.get(key).id());

        scenario.stimulate(() -> Actor.runAs(
                        author,
                        Role.RESPONDER,
                        () -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED))))
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForEventOfType(PostmortemDrafted.class)
                .matching(e -> incidentId == e.refs().incidentId())
                .toArriveAndVerify(e -> {
                    assertThat(e.refs().serviceIds()).containsExactly(serviceId);
                    assertThat(e.refs().teamIds()).containsExactly(teamId);
                    assertThat(e.content().facilitator()).isEqualTo(author);
                    assertThat(e.origin()).isEqualTo(Origin.INCIDENT);
                });
    }

    @Test
    void aCountermeasureMarkedDoneAnnouncesItsStatusChange(Scenario scenario) {
        String author = responder();
        Postmortem pm = draft(author);
        CountermeasureView c = as(
                author,
                Role.RESPONDER,
                () -> countermeasures.create(
                        pm.id(),
                        new CountermeasureDraft(
                                "Alert on queue age",
                                null,
                                CountermeasureKind.TELEMETRY_OR_ALERT,
                                author,
                                null,
                                LocalDate.of(2030, 1, 31),
                                null,
                                null,
                                null,
                                null)));

        scenario.stimulate(() -> Actor.runAs(
                        author,
                        Role.RESPONDER,
                        () -> countermeasures.changeStatus(c.id(), CountermeasureStatus.DONE, null)))
                .andWaitForEventOfType(CountermeasureStatusChanged.class)
                .matching(e -> e.countermeasureId() == c.id())
                .toArriveAndVerify(e -> {
                    assertThat(e.from()).isEqualTo(CountermeasureStatus.OPEN);
                    assertThat(e.to()).isEqualTo(CountermeasureStatus.DONE);
                    assertThat(e.refs().postmortemId()).isEqualTo(pm.id());
                    assertThat(e.refs().incidentId()).isEqualTo(pm.incidentId());
                    assertThat(e.by()).isEqualTo(author);
                });
    }
}
