package dev.kintsugi.incident;

import static dev.kintsugi.incident.IncidentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pair (from, to) of statuses: the legal ones apply, the illegal ones are refused with the allowed set. */
class IncidentStatusMachineTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The rule, written independently of the implementation: forward skips, and RESOLVED → INVESTIGATING. */
    private static boolean legal(IncidentStatus from, IncidentStatus to) {
        return to.ordinal() > from.ordinal() || (from == RESOLVED && to == INVESTIGATING);
    }

    static Stream<Arguments> allPairs() {
        return EnumSet.allOf(IncidentStatus.class).stream()
                .flatMap(from -> EnumSet.allOf(IncidentStatus.class).stream().map(to -> Arguments.of(from, to)));
    }

    private static Incident incidentIn(IncidentStatus status) {
        return new Incident(
                1,
                7,
                "Checkout fails",
                null,
                Severity.SEV2,
                status,
                false,
                status == CLOSED ? ClosureReason.RESOLVED : null,
                null,
                Map.of(),
                Map.of(Milestone.DECLARED, T0.minusSeconds(3600)),
                Set.of(),
                Set.of("ada"),
                "ada",
                T0,
                0,
                null);
    }

    private static Transition transitionTo(IncidentStatus to) {
        return new Transition(to, "the fix did not hold after all", to == CLOSED ? ClosureReason.RESOLVED : null, null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allPairs")
    void everyTransitionIsLegalOrRefused(IncidentStatus from, IncidentStatus to) {
        Incident incident = incidentIn(from);
        if (legal(from, to)) {
            incident.transition(transitionTo(to), "ada", T0);
            assertThat(incident.status()).isEqualTo(to);
            assertThat(incident.pendingEntries()).anyMatch(e -> e.kind() == TimelineEntryKind.STATUS_CHANGE);
            assertThat(incident.pendingEvents()).anyMatch(e -> e instanceof IncidentStatusChanged c && c.to() == to);
        } else {
            assertThatThrownBy(() -> incident.transition(transitionTo(to), "ada", T0))
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(((ConflictException) e).properties())
                            .containsEntry("currentStatus", from.name())
                            .containsKey("allowedNext"));
            assertThat(incident.status()).isEqualTo(from);
            assertThat(incident.pendingEntries()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allPairs")
    void allowedNextMatchesTheRule(IncidentStatus from, IncidentStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal(from, to));
    }

    @Test
    void reopeningNeedsTenCharacters() {
        Incident incident = incidentIn(RESOLVED);
        assertThatThrownBy(() -> incident.transition(new Transition(INVESTIGATING, "flaky", null, null), "ada", T0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("10");
        incident.transition(new Transition(INVESTIGATING, "errors are back", null, null), "ada", T0);
        assertThat(incident.status()).isEqualTo(INVESTIGATING);
        assertThat(incident.milestone(Milestone.RESOLVED)).isNull();
        assertThat(incident.pendingEvents()).anyMatch(e -> e instanceof IncidentReopened);
    }

    @Test
    void closingNeedsAReasonAndADuplicateTarget() {
        Incident incident = incidentIn(RESOLVED);
        assertThatThrownBy(() -> incident.transition(Transition.to(CLOSED), "ada", T0))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("closureReason");
        assertThatThrownBy(() ->
                        incident.transition(new Transition(CLOSED, null, ClosureReason.DUPLICATE, null), "ada", T0))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("duplicateOf");
        assertThatThrownBy(
                        () -> incident.transition(new Transition(CLOSED, null, ClosureReason.DUPLICATE, 1L), "ada", T0))
                .hasMessageContaining("itself");
        incident.transition(new Transition(CLOSED, null, ClosureReason.DUPLICATE, 99L), "ada", T0);
        assertThat(incident.closureReason()).isEqualTo(ClosureReason.DUPLICATE);
        assertThat(incident.duplicateOf()).isEqualTo(99L);
        assertThat(incident.milestone(Milestone.CLOSED)).isEqualTo(T0);
    }

    @Test
    void milestonesFollowTheActions() {
        Incident incident = incidentIn(INVESTIGATING);
        incident.assign(IncidentRole.COMMANDER, "grace", "ada", T0);
        assertThat(incident.milestone(Milestone.ACKNOWLEDGED))
                .as("naming someone else commander is not their acknowledgement")
                .isNull();
        incident.acknowledge("grace", T0);
        assertThat(incident.milestone(Milestone.ACKNOWLEDGED)).isEqualTo(T0);
        incident.transition(Transition.to(MONITORING), "grace", T0.plusSeconds(60));
        assertThat(incident.milestone(Milestone.MITIGATED)).isEqualTo(T0.plusSeconds(60));
        incident.transition(Transition.to(RESOLVED), "grace", T0.plusSeconds(120));
        assertThat(incident.milestone(Milestone.RESOLVED)).isEqualTo(T0.plusSeconds(120));
        assertThat(incident.milestone(Milestone.MITIGATED)).isEqualTo(T0.plusSeconds(60));
        assertThat(incident.pendingEvents()).anyMatch(e -> e instanceof IncidentResolved);
    }

    @Test
    void closedIncidentsRefuseEveryChange() {
        Incident incident = incidentIn(CLOSED);
        assertThatThrownBy(() -> incident.changeSeverity(Severity.SEV1, "ada", T0))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> incident.assign(IncidentRole.SCRIBE, "ada", "ada", T0))
                .isInstanceOf(ConflictException.class);
        assertThat(CLOSED.allowedNext()).isEmpty();
        assertThat(List.copyOf(RESOLVED.allowedNext())).containsExactlyInAnyOrder(INVESTIGATING, CLOSED);
    }

    @Test
    void milestonesMustStayInOrder() {
        Incident incident = incidentIn(RESOLVED);
        incident.editMilestone(Milestone.RESOLVED, T0, "ada", T0);
        assertThatThrownBy(
                        () -> incident.editMilestone(Milestone.DETECTED, T0.plusSeconds(10), "ada", T0.plusSeconds(20)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> incident.editMilestone(Milestone.IMPACT_STARTED, T0.plusSeconds(3600), "ada", T0))
                .isInstanceOf(InvalidInputException.class);
    }
}
