package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.persistence.OccurrenceRepository;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The processor's batches ({@link AlertIntake#applyAll}, one transaction each): the same effects, in the same order,
 * as applying each event in turn: repeats deduplicated in memory, an acknowledgement between repeats seen in its
 * place, ids applied before (or twice in the batch) skipped.
 */
class AlertBatchTest extends AlertingFixtures {
    @Autowired
    AlertIntake intake;

    @Autowired
    OccurrenceRepository repository;

    @Autowired
    Clock clock;

    long integrationId;

    @BeforeEach
    void setUp() {
        organisation();
        integrationId = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"))
                .get("id")
                .asLong();
    }

    private AlertEvent event(String id, AlertEvent.Action action, String dedup, Instant at) {
        return new AlertEvent(
                id,
                integrationId,
                at,
                action,
                dedup,
                "Disk full " + dedup,
                "warning",
                null,
                Map.of(),
                List.of(),
                List.of(),
                action == AlertEvent.Action.ACKNOWLEDGE ? "ack" : null,
                null);
    }

    private int applyAll(List<AlertEvent> batch) {
        return Actor.runAsSystem("test batch", () -> tx.execute(s -> intake.applyAll(batch)));
    }

    @Test
    void aBatchAppliesRepeatsAcknowledgementsAndReplaysInOrder() {
        String a = unique("a");
        String b = unique("b");
        Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<AlertEvent> batch = new ArrayList<>();
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, a, t));
        for (int i = 1; i <= 3; i++) {
            batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, a, t.plusSeconds(i)));
        }
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.ACKNOWLEDGE, a, t.plusSeconds(4)));
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, a, t.plusSeconds(5)));
        AlertEvent firstOfB = event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(6));
        batch.add(firstOfB);
        batch.add(firstOfB); // the same event twice in one batch: applied once
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(7)));
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.RESOLVE, b, t.plusSeconds(8)));
        batch.add(event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(9)));

        assertThat(applyAll(batch)).isEqualTo(batch.size() - 1);

        JsonNode groups = groups(integrationId);
        assertThat(groups).hasSize(3);
        JsonNode groupA = find(groups, a, "ACKNOWLEDGED");
        assertThat(groupA.get("repeatCount").asInt()).isEqualTo(5);
        assertThat(Instant.parse(groupA.get("lastAt").asString())).isEqualTo(t.plusSeconds(5));
        List<String> actionsOfA =
                tx.execute(s -> repository.occurrences(groupA.get("id").asLong(), 50)).reversed().stream()
                        .map(o -> o.action().name())
                        .toList();
        assertThat(actionsOfA)
                .as("occurrences in the order the events came")
                .containsExactly("TRIGGER", "TRIGGER", "TRIGGER", "TRIGGER", "ACKNOWLEDGE", "TRIGGER");
        JsonNode resolvedB = find(groups, b, "RESOLVED");
        assertThat(resolvedB.get("repeatCount").asInt()).isEqualTo(2);
        JsonNode reopenedB = find(groups, b, "TRIGGERED");
        assertThat(reopenedB.get("repeatCount").asInt()).isEqualTo(1);

        // the whole batch replayed (a crash before the spool's commit): nothing changes
        assertThat(applyAll(batch)).isZero();
        assertThat(groups(integrationId)).hasSize(3);
        assertThat(find(groups(integrationId), a, "ACKNOWLEDGED")
                        .get("repeatCount")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void groupsOpenBeforeTheBatchAreReadOnceAndAResolveInTheBatchEndsTheirReadAhead() {
        String a = unique("a");
        String b = unique("b");
        Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        applyAll(List.of(
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, a, t),
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t)));
        List<AlertEvent> batch = List.of(
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(1)),
                event(UUID.randomUUID().toString(), AlertEvent.Action.RESOLVE, a, t.plusSeconds(2)),
                // a's group was read ahead while open: after the resolve it must be read again (resolved now)
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, a, t.plusSeconds(3)),
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(4)),
                event(UUID.randomUUID().toString(), AlertEvent.Action.TRIGGER, b, t.plusSeconds(6)));

        assertThat(applyAll(batch)).isEqualTo(batch.size());

        JsonNode groups = groups(integrationId);
        assertThat(groups).hasSize(3);
        assertThat(find(groups, a, "RESOLVED").get("repeatCount").asInt()).isEqualTo(1);
        assertThat(find(groups, a, "TRIGGERED").get("repeatCount").asInt()).isEqualTo(1);
        JsonNode groupB = find(groups, b, "TRIGGERED");
        assertThat(groupB.get("repeatCount").asInt()).isEqualTo(4);
        assertThat(Instant.parse(groupB.get("lastAt").asString())).isEqualTo(t.plusSeconds(6));
    }

    private static JsonNode find(JsonNode groups, String dedup, String status) {
        for (JsonNode g : groups) {
            if (g.get("dedupKey").asString().equals(dedup)
                    && g.get("status").asString().equals(status)) {
                return g;
            }
        }
        throw new AssertionError("no " + status + " group " + dedup + " in " + groups);
    }
}
