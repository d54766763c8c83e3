package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Through the facade, on the real database: every change publishes its event, carrying the incident's services and
 * the teams owning them (looked up in the catalog), so a read model can be kept from events alone.
 */
@RecordApplicationEvents
class IncidentDomainEventsTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    ApplicationEvents events;

    String responder;
    String commander;
    CatalogService service;
    Team team;

    @BeforeEach
    void setUp() {
        responder = createUser(unique("resp"), Role.RESPONDER, "password-resp-1");
        commander = createUser(unique("ic"), Role.RESPONDER, "password-ic-1");
        String t = unique("team");
        team = tx.execute(s -> catalog.createTeam(new TeamDraft(t, "Team", null, null, List.of())));
        String svc = unique("svc");
        service = tx.execute(
                s -> catalog.createService(new ServiceDraft(svc, "Svc", null, Tier.TIER_2, t, null, null, null)));
        events.clear();
    }

    private <T> T asResponder(java.util.function.Supplier<T> work) {
        return Actor.runAs(responder, Role.RESPONDER, () -> tx.execute(s -> work.get()));
    }

    @Test
    void declaringWithACommanderPublishesBothWithServicesAndTeams() {
        IncidentView view = asResponder(() -> incidents.declare(new DeclareIncident(
                "Cart is empty",
                "Items vanish",
                Severity.SEV2,
                List.of(service.name()),
                null,
                null,
                false,
                commander,
                null)));

        assertThat(events.stream(IncidentDeclared.class)).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo(view.key());
            assertThat(d.description()).isEqualTo("Items vanish");
            assertThat(d.serviceIds()).containsExactly(service.id());
            assertThat(d.teamIds()).containsExactly(team.id());
        });
        assertThat(events.stream(IncidentRoleAssigned.class)).singleElement().satisfies(r -> {
            assertThat(r.username()).isEqualTo(commander);
            assertThat(r.teamIds()).containsExactly(team.id());
        });
        assertThat(view.milestone(Milestone.ACKNOWLEDGED))
                .as("naming a commander is not acknowledging")
                .isNull();
    }

    @Test
    void anIncidentDeclaredDuringAGameDayCarriesItsGameDayEverywhere() {
        IncidentView view = asResponder(() -> incidents.declare(new DeclareIncident(
                "Checkout slow (rehearsal)",
                null,
                Severity.SEV2,
                List.of(service.name()),
                null,
                null,
                false,
                null,
                null,
                42L)));

        assertThat(view.gameDayId()).isEqualTo(42L);
        assertThat(events.stream(IncidentDeclared.class))
                .singleElement()
                .satisfies(d -> assertThat(d.gameDayId()).isEqualTo(42L));
        assertThat(asResponder(() -> incidents.get(view.key())).gameDayId())
                .as("stored, not only in the event")
                .isEqualTo(42L);
        assertThat(asResponder(() -> incidents.search(new IncidentQuery(
                                java.util.Set.of(), java.util.Set.of(), service.name(), null, null, 0, 10)))
                        .items())
                .singleElement()
                .satisfies(s -> assertThat(s.gameDayId()).isEqualTo(42L));

        IncidentView real = asResponder(() -> incidents.declare(
                new DeclareIncident("Checkout slow", null, Severity.SEV2, List.of(), null, null, false, null, null)));
        assertThat(real.gameDayId()).as("a real incident").isNull();
    }

    @Test
    void editsAutomaticMilestonesNotesAndPinsArePublished() {
        IncidentView view = asResponder(() -> incidents.declare(
                new DeclareIncident("Search is slow", null, Severity.SEV3, List.of(), null, null, false, null, null)));
        String key = view.key();
        asResponder(() -> incidents.update(
                key, new UpdateIncident("Search is very slow", "p99 at 4 s", null, List.of(service.name()), null)));
        asResponder(() -> incidents.transition(key, Transition.to(IncidentStatus.MONITORING)));
        TimelineEntry note = asResponder(() -> incidents.addNote(
                key, new NewNote(TimelineEntryKind.NOTE, "Rolled back the index change", null, null, null)));
        asResponder(() -> incidents.pin(key, note.id(), true));

        assertThat(events.stream(IncidentUpdated.class))
                .flatMap(IncidentUpdated::changed)
                .containsExactlyInAnyOrder(
                        IncidentUpdated.TITLE, IncidentUpdated.DESCRIPTION, IncidentUpdated.SERVICES);
        assertThat(events.stream(IncidentUpdated.class))
                .filteredOn(u -> u.changed().contains(IncidentUpdated.SERVICES))
                .singleElement()
                .satisfies(u -> assertThat(u.teamIds()).containsExactly(team.id()));
        assertThat(events.stream(IncidentMilestoneChanged.class))
                .filteredOn(m -> m.milestone() == Milestone.MITIGATED)
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.automatic()).isTrue();
                    assertThat(m.serviceIds()).containsExactly(service.id());
                });
        assertThat(events.stream(IncidentNoteAdded.class)).singleElement().satisfies(n -> {
            assertThat(n.body()).isEqualTo("Rolled back the index change");
            assertThat(n.author()).isEqualTo(responder);
            assertThat(n.teamIds()).containsExactly(team.id());
        });
        assertThat(events.stream(IncidentEntryPinned.class))
                .singleElement()
                .satisfies(p -> assertThat(p.entryId()).isEqualTo(note.id()));
        assertThat(events.stream(IncidentEvent.class))
                .allSatisfy(e -> assertThat(e.key()).isEqualTo(key));
        assertThat(events.stream(IncidentEvent.class).map(Object::getClass).distinct())
                .contains(
                        IncidentDeclared.class,
                        IncidentUpdated.class,
                        IncidentStatusChanged.class,
                        IncidentMilestoneChanged.class,
                        IncidentNoteAdded.class,
                        IncidentEntryPinned.class);
    }

    @Test
    void aRefusedChangePublishesNothing() {
        IncidentView view = asResponder(() -> incidents.declare(
                new DeclareIncident("Queue backs up", null, Severity.SEV4, List.of(), null, null, false, null, null)));
        events.clear();

        assertThatThrownBy(() -> asResponder(
                        () -> incidents.transition(view.key(), Transition.to(IncidentStatus.INVESTIGATING))))
                .isInstanceOf(ConflictException.class);
        assertThat(events.stream(IncidentEvent.class)).isEmpty();
    }
}
