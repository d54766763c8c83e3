package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every state change of the aggregate raises a past-tense event that names the incident, its services and teams. */
class IncidentAggregateEventsTest {
    private static final Instant DECLARED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = DECLARED.plusSeconds(600);
    private static final Set<Long> SERVICES = Set.of(11L, 12L);
    private static final Set<Long> TEAMS = Set.of(5L);

    /** A freshly inserted incident, as the repository reads it back before {@link Incident#declare}. */
    private static Incident inserted() {
        return new Incident(
                1,
                7,
                "Checkout fails",
                "Payments time out",
                Severity.SEV2,
                IncidentStatus.INVESTIGATING,
                false,
                null,
                null,
                Map.of(),
                Map.of(Milestone.DECLARED, DECLARED),
                Set.of(),
                Set.of(),
                "ada",
                DECLARED,
                0,
                null);
    }

    private static Incident declared() {
        Incident i = inserted();
        i.declare(SERVICES, TEAMS, DECLARED.minusSeconds(300), DECLARED.minusSeconds(60), "ada");
        return i;
    }

    @Test
    void declaringRaisesDeclaredWithEverythingAReadModelNeeds() {
        Incident i = declared();

        assertThat(i.pendingEvents()).first().isInstanceOfSatisfying(IncidentDeclared.class, d -> {
            assertThat(d.key()).isEqualTo("INC-7");
            assertThat(d.title()).isEqualTo("Checkout fails");
            assertThat(d.description()).isEqualTo("Payments time out");
            assertThat(d.severity()).isEqualTo(Severity.SEV2);
            assertThat(d.declaredBy()).isEqualTo("ada");
            assertThat(d.declaredAt()).isEqualTo(DECLARED);
            assertThat(d.milestones())
                    .containsEntry(Milestone.DETECTED, DECLARED.minusSeconds(60))
                    .containsEntry(Milestone.IMPACT_STARTED, DECLARED.minusSeconds(300));
            assertThat(d.serviceIds()).isEqualTo(SERVICES);
            assertThat(d.teamIds()).isEqualTo(TEAMS);
        });
        assertThat(i.pendingEntries()).extracting(Incident.NewEntry::kind).containsExactly(TimelineEntryKind.DECLARED);
    }

    @Test
    void aCommanderNamedAtDeclarationIsAnnouncedButDoesNotAcknowledge() {
        Incident i = declared();
        i.nameCommanderAtDeclaration("grace", "ada");

        assertThat(i.pendingEvents())
                .filteredOn(IncidentRoleAssigned.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(IncidentRoleAssigned.class, r -> {
                    assertThat(r.role()).isEqualTo(IncidentRole.COMMANDER);
                    assertThat(r.username()).isEqualTo("grace");
                    assertThat(r.serviceIds()).isEqualTo(SERVICES);
                    assertThat(r.teamIds()).isEqualTo(TEAMS);
                });
        assertThat(i.milestone(Milestone.ACKNOWLEDGED)).isNull();
        assertThat(i.pendingEvents()).noneMatch(IncidentMilestoneChanged.class::isInstance);
    }

    @Test
    void takingTheCommanderRoleYourselfAcknowledgesAutomatically() {
        Incident i = declared();
        i.assign(IncidentRole.COMMANDER, "grace", "grace", LATER);

        assertThat(i.milestone(Milestone.ACKNOWLEDGED)).isEqualTo(LATER);
        assertThat(i.pendingEvents())
                .filteredOn(IncidentMilestoneChanged.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(IncidentMilestoneChanged.class, m -> {
                    assertThat(m.milestone()).isEqualTo(Milestone.ACKNOWLEDGED);
                    assertThat(m.before()).isNull();
                    assertThat(m.after()).isEqualTo(LATER);
                    assertThat(m.automatic()).isTrue();
                    assertThat(m.teamIds()).isEqualTo(TEAMS);
                });
    }

    @Test
    void namingSomeoneElseCommanderDoesNotAcknowledgeForThem() {
        Incident i = declared();
        i.assign(IncidentRole.COMMANDER, "grace", "ada", LATER);

        assertThat(i.milestone(Milestone.ACKNOWLEDGED)).isNull();
    }

    @Test
    void resolvingSetsMilestonesAutomaticallyAndSaysSo() {
        Incident i = declared();
        i.transition(Transition.to(IncidentStatus.RESOLVED), "ada", LATER);

        assertThat(i.pendingEvents())
                .filteredOn(IncidentMilestoneChanged.class::isInstance)
                .map(IncidentMilestoneChanged.class::cast)
                .allSatisfy(m -> assertThat(m.automatic()).isTrue())
                .extracting(IncidentMilestoneChanged::milestone)
                .containsExactly(Milestone.MITIGATED, Milestone.RESOLVED);
        assertThat(i.pendingEvents())
                .filteredOn(IncidentResolved.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(
                        IncidentResolved.class, r -> assertThat(r.serviceIds()).isEqualTo(SERVICES));
    }

    @Test
    void aCorrectedMilestoneIsNotAutomatic() {
        Incident i = declared();
        i.editMilestone(Milestone.DETECTED, DECLARED.minusSeconds(120), "ada", LATER);

        assertThat(i.pendingEvents())
                .filteredOn(IncidentMilestoneChanged.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(IncidentMilestoneChanged.class, m -> {
                    assertThat(m.before()).isEqualTo(DECLARED.minusSeconds(60));
                    assertThat(m.after()).isEqualTo(DECLARED.minusSeconds(120));
                    assertThat(m.automatic()).isFalse();
                });
    }

    @Test
    void editsRaiseUpdatedNamingWhatChanged() {
        Incident i = declared();
        i.edit("Checkout fails for EU", null, true, "ada", LATER);
        i.replaceServices(Set.of(13L), Set.of(6L), List.of("cart"), "ada", LATER);

        assertThat(i.pendingEvents())
                .filteredOn(IncidentUpdated.class::isInstance)
                .map(IncidentUpdated.class::cast)
                .satisfiesExactly(
                        edit -> {
                            assertThat(edit.changed())
                                    .containsExactlyInAnyOrder(IncidentUpdated.TITLE, IncidentUpdated.PRIVATE);
                            assertThat(edit.title()).isEqualTo("Checkout fails for EU");
                            assertThat(edit.privateIncident()).isTrue();
                            assertThat(edit.serviceIds()).isEqualTo(SERVICES);
                        },
                        services -> {
                            assertThat(services.changed()).containsExactly(IncidentUpdated.SERVICES);
                            assertThat(services.serviceIds()).containsExactly(13L);
                            assertThat(services.teamIds()).containsExactly(6L);
                        });
    }

    @Test
    void anUnchangedEditRaisesNothing() {
        Incident i = inserted();
        i.edit("Checkout fails", "Payments time out", false, "ada", LATER);

        assertThat(i.pendingEvents()).isEmpty();
        assertThat(i.pendingEntries()).isEmpty();
    }

    @Test
    void joiningRaisesParticipantJoined() {
        Incident i = declared();
        i.join("linus", "ada", LATER, true);
        i.join("linus", "ada", LATER, true);

        assertThat(i.pendingEvents())
                .filteredOn(e ->
                        e instanceof IncidentParticipantJoined p && p.username().equals("linus"))
                .hasSize(1);
    }
}
