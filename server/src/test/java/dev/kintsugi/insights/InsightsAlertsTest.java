package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.alerting.AlertGroupAcknowledged;
import dev.kintsugi.alerting.AlertGroupTriggered;
import dev.kintsugi.alerting.Decision;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Alert figures and the recurring-alert weak signal, from the alerting module's own events published as it
 * publishes them (in a transaction, delivered to the listeners after the commit).
 */
class InsightsAlertsTest extends InsightsTestSupport {
    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Autowired
    ActivityInsights activity;

    @Autowired
    WeakSignals signals;

    void publish(Object event) {
        tx.executeWithoutResult(s -> events.publishEvent(event));
    }

    @Test
    void noisiestGroupsUndocumentedAlertsTimeToAcknowledgeAndRecurringAlerts() {
        String team = team();
        String svc = service(team);
        long teamId = teamId(team);
        long serviceId = serviceId(svc);
        long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        long noisy = base;
        long undocumented = base + 1;
        long definition = base + 7;
        Instant now = clock.instant();
        Instant first = now.minus(Duration.ofDays(2));
        for (int i = 0; i < 12; i++) {
            publish(new AlertGroupTriggered(
                    noisy,
                    1,
                    Set.of(serviceId),
                    Set.of(teamId),
                    Severity.SEV3,
                    "disk.full." + base,
                    Decision.PAGE,
                    definition,
                    first.plusSeconds(60L * i)));
        }
        publish(new AlertGroupAcknowledged(
                noisy,
                1,
                Set.of(serviceId),
                Set.of(teamId),
                Severity.SEV3,
                "disk.full." + base,
                "ada",
                first.plusSeconds(300)));
        publish(new AlertGroupTriggered(
                undocumented,
                1,
                Set.of(serviceId),
                Set.of(teamId),
                Severity.SEV4,
                "mystery." + base,
                Decision.NOTIFY_ONLY,
                null,
                first.plusSeconds(30)));
        publish(new AlertGroupAcknowledged(
                undocumented,
                1,
                Set.of(serviceId),
                Set.of(teamId),
                Severity.SEV4,
                "mystery." + base,
                "ada",
                first.plusSeconds(930)));

        Instant from = now.minus(Duration.ofDays(7));
        Instant to = now.plusSeconds(60);
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(Actor.runAsSystem("t", () -> activity.alertsByTeam(from, to)))
                        .contains(new ActivityInsights.TeamAlerts(team, 2, 1, 2, 600.0, 600.0)));
        assertThat(Actor.runAsSystem("t", () -> activity.noisiestAlerts(from, to, 100)))
                .contains(new ActivityInsights.NoisyAlert("disk.full." + base, 12, true, 300L))
                .contains(new ActivityInsights.NoisyAlert("mystery." + base, 1, false, 900L));

        // the definition fired 12 times (≥ 10) on a service nothing addresses: a weak signal
        assertThat(Actor.runAsSystem("t", () -> signals.current())).anySatisfy(w -> {
            assertThat(w.kind()).isEqualTo(WeakSignals.SignalKind.ALERT);
            assertThat(w.services()).containsExactly(svc);
            assertThat(w.count()).isEqualTo(12);
            assertThat(w.evidence()).containsExactly("disk.full." + base);
        });
    }
}
