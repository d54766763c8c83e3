package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Every change of a team or a service publishes an event with its id and what changed. */
@RecordApplicationEvents
class CatalogEventsTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ApplicationEvents events;

    String member;

    @BeforeEach
    void setUp() {
        member = createUser(unique("member"), Role.RESPONDER, "password-member-1");
        events.clear();
    }

    private <T> T asResponder(java.util.function.Supplier<T> work) {
        return Actor.runAs(member, Role.RESPONDER, () -> tx.execute(s -> work.get()));
    }

    @Test
    void teamsAndServicesPublishTheirLifecycle() {
        String a = unique("team-a");
        String b = unique("team-b");
        String svc = unique("svc");
        Team teamA = asResponder(() -> catalog.createTeam(new TeamDraft(a, "A", null, "#a", List.of(member))));
        Team teamB = asResponder(() -> catalog.createTeam(new TeamDraft(b, "B", null, null, List.of())));
        CatalogService service = asResponder(() ->
                catalog.createService(new ServiceDraft(svc, "Svc", "does things", Tier.TIER_2, a, null, null, null)));
        asResponder(() -> catalog.updateTeam(a, new TeamDraft(null, "Team A", null, null, List.of())));
        asResponder(() -> catalog.updateService(
                svc, new ServiceDraft(null, null, null, Tier.TIER_1, b, "https://runbooks.example/svc", null, null)));
        asResponder(() -> catalog.updateService(svc, new ServiceDraft(null, null, null, null, null, null, null, null)));
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> {
                    catalog.deleteService(svc, null);
                    catalog.deleteTeam(a, null);
                    return null;
                }));

        assertThat(events.stream(TeamCreated.class))
                .extracting(TeamCreated::teamId)
                .containsExactly(teamA.id(), teamB.id());
        assertThat(events.stream(TeamCreated.class).findFirst().orElseThrow().members())
                .containsExactly(member);
        assertThat(events.stream(ServiceCreated.class)).singleElement().satisfies(c -> {
            assertThat(c.serviceId()).isEqualTo(service.id());
            assertThat(c.ownerTeamId()).isEqualTo(teamA.id());
            assertThat(c.description()).isEqualTo("does things");
        });
        assertThat(events.stream(TeamUpdated.class)).singleElement().satisfies(u -> {
            assertThat(u.changed()).containsExactlyInAnyOrder("displayName", "members");
            assertThat(u.members()).isEmpty();
        });
        assertThat(events.stream(ServiceUpdated.class))
                .as("the second, empty change publishes nothing")
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.changed()).containsExactlyInAnyOrder("tier", "ownerTeam", "runbookUrl");
                    assertThat(u.ownerTeamId()).isEqualTo(teamB.id());
                });
        assertThat(events.stream(ServiceOwnershipChanged.class)).singleElement().satisfies(o -> {
            assertThat(o.previousOwnerTeamId()).isEqualTo(teamA.id());
            assertThat(o.ownerTeamId()).isEqualTo(teamB.id());
        });
        assertThat(events.stream(ServiceArchived.class))
                .singleElement()
                .satisfies(x -> assertThat(x.ownerTeamId()).isEqualTo(teamB.id()));
        assertThat(events.stream(TeamArchived.class))
                .singleElement()
                .satisfies(x -> assertThat(x.teamId()).isEqualTo(teamA.id()));
    }
}
