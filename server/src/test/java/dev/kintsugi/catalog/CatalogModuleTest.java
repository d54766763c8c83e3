package dev.kintsugi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The catalog as a Spring Modulith module slice: only {@code catalog} and what it depends on ({@code platform})
 * are started, which proves that the module stands without the incident or post-mortem modules, and its events
 * are checked as scenarios. Cheaper than the whole application, and the guard that keeps it so.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class CatalogModuleTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ApplicationContext context;

    @Test
    void startsWithoutTheModulesThatDependOnIt() {
        assertThat(context.getBeanNamesForType(dev.kintsugi.incident.IncidentManagement.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(dev.kintsugi.postmortem.PostmortemManagement.class))
                .isEmpty();
    }

    @Test
    void creatingATeamPublishesTeamCreated(Scenario scenario) {
        String name = "slice-" + UUID.randomUUID().toString().substring(0, 8);
        scenario.stimulate(() -> Actor.runAsSystem(
                        "module slice test",
                        () -> catalog.createTeam(new TeamDraft(name, "Slice team", null, "#slice", List.of()))))
                .andWaitAtMost(Duration.ofSeconds(10))
                .andWaitForEventOfType(TeamCreated.class)
                .matching(e -> name.equals(e.name()))
                .toArriveAndVerify(e -> {
                    assertThat(e.displayName()).isEqualTo("Slice team");
                    assertThat(e.teamId()).isPositive();
                });
    }

    @Test
    void aServiceOwnedByATeamPublishesItsOwnerInServiceCreated(Scenario scenario) {
        String team = "slice-" + UUID.randomUUID().toString().substring(0, 8);
        String service = team + "-svc";
        long teamId = Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> catalog.createTeam(new TeamDraft(team, "Owners", null, null, List.of()))
                        .id());
        scenario.stimulate(() -> Actor.runAs(
                        "admin",
                        Role.ADMIN,
                        () -> catalog.createService(
                                new ServiceDraft(service, "Slice service", null, Tier.TIER_2, team, null, null, null))))
                .andWaitForEventOfType(ServiceCreated.class)
                .matching(e -> service.equals(e.name()))
                .toArriveAndVerify(e -> assertThat(e.ownerTeamId()).isEqualTo(teamId));
    }
}
