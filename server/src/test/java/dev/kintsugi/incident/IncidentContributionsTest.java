package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The seam other modules (alerting, chaos) use to write on an incident's timeline and to find open incidents. */
class IncidentContributionsTest extends IntegrationTest {
    @Autowired
    IncidentContributions contributions;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    TimelineMessages texts;

    @Test
    void openIncidentsOnAServiceAndAContributedEntryOnTheTimeline() {
        String team = unique("team");
        String service = unique("svc");
        long serviceId = tx.execute(s -> {
            catalog.createTeam(new TeamDraft(team, "Team " + team, null, "#" + team, List.of()));
            return catalog.createService(
                            new ServiceDraft(service, "Service " + service, null, Tier.TIER_1, team, null, null, null))
                    .id();
        });
        String key = tx.execute(s -> incidents
                .declare(new DeclareIncident(
                        "Checkout slow", null, Severity.SEV2, List.of(service), null, null, true, null, null))
                .key());

        assertThat(contributions.openOn(List.of(serviceId))).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo(key);
            assertThat(o.severity()).isEqualTo(Severity.SEV2);
            assertThat(o.serviceIds()).containsExactly(serviceId);
        });
        assertThat(contributions.openOn(List.of()))
                .extracting(OpenIncident::key)
                .contains(key);

        var message = new TimelineMessage(
                "incident.entry.EXPERIMENT", List.of(new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, "ignored")));
        TimelineEntry entry = Actor.runAsSystem(
                "test contribution",
                () -> tx.execute(s -> contributions.record(key, TimelineEntryKind.EXPERIMENT, message, null)));
        assertThat(entry.kind()).isEqualTo(TimelineEntryKind.EXPERIMENT);
        assertThat(tx.<List<TimelineEntry>>execute(s -> incidents.timeline(key)))
                .extracting(TimelineEntry::id)
                .contains(entry.id());
        assertThat(texts.render(message, Locale.FRENCH, java.time.ZoneOffset.UTC, u -> u))
                .isEqualTo("expérience");

        tx.executeWithoutResult(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
        assertThat(contributions.openOn(List.of(serviceId))).isEmpty();
    }

    @Test
    void onlyAlertAndExperimentEntriesAreContributed() {
        var message = new TimelineMessage("incident.entry.NOTE", List.of());
        assertThatThrownBy(() -> contributions.record("INC-1", TimelineEntryKind.NOTE, message, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
