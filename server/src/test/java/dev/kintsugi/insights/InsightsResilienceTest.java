package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.RunScore;
import dev.kintsugi.chaos.RunStatus;
import dev.kintsugi.platform.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Resilience scores in the read model, from the chaos module's {@code ChaosRunFinished} events published as it
 * publishes them: a service's score is LitmusChaos's weighted mean of its last ten scored runs' probe success, a run
 * delivered twice counts once, and dry runs and runs without probes count for nothing.
 */
class InsightsResilienceTest extends InsightsTestSupport {
    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ActivityInsights activity;

    private void finished(long runId, long service, boolean dry, int passed, int total, int weight) {
        RunScore score = total == 0 ? null : new RunScore(runId, passed, total, weight);
        tx.executeWithoutResult(s -> events.publishEvent(new ChaosRunFinished(
                runId,
                7,
                1,
                RunStatus.COMPLETED,
                dry,
                passed < total,
                true,
                Set.of(service),
                Set.of(),
                Instant.now(),
                score)));
    }

    @Test
    void aServicesScoreIsTheWeightedMeanOfItsLastTenScoredRuns() {
        String team = team();
        String checkout = service(team);
        String search = service(team);
        String untested = service(team);
        long checkoutId = serviceId(checkout);
        long searchId = serviceId(search);
        long run = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        // checkout: two old failures (0 %) that ten later runs push out of the window, then eight passes (100 %,
        // weight 1) and two half-passes (50 %, weight 2): (8 × 100 × 1 + 2 × 50 × 2) / (8 + 2 × 2) = 83.3 → 83
        finished(run++, checkoutId, false, 0, 2, 1);
        finished(run++, checkoutId, false, 0, 2, 1);
        for (int i = 0; i < 8; i++) {
            finished(run++, checkoutId, false, 2, 2, 1);
        }
        finished(run++, checkoutId, false, 1, 2, 2);
        long last = run++;
        finished(last, checkoutId, false, 1, 2, 2);
        finished(last, checkoutId, false, 1, 2, 2); // delivered again: counted once
        finished(run++, checkoutId, true, 0, 2, 1); // a dry run injects nothing and counts for nothing
        finished(run++, checkoutId, false, 0, 0, 1); // no probes: no score
        // search: one run, one probe of three passed → 33
        finished(run, searchId, false, 1, 3, 1);

        List<ActivityInsights.ServiceResilience> scores = eventually(
                () -> Actor.runAsSystem("t", () -> activity.resilience()),
                l -> l.contains(new ActivityInsights.ServiceResilience(checkout, 83))
                        && l.contains(new ActivityInsights.ServiceResilience(search, 33)));
        assertThat(scores)
                .contains(
                        new ActivityInsights.ServiceResilience(checkout, 83),
                        new ActivityInsights.ServiceResilience(search, 33))
                .extracting(ActivityInsights.ServiceResilience::service)
                .doesNotContain(untested);
    }
}
