package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.ChaosRunStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The chaos runs in progress, as an {@link ExpectationSource}: alerting hears the chaos module's runs
 * ({@code alerting → chaos} events only: chaos knows nothing of alerting). A dry run injects no fault: it makes
 * nothing expected. Runs finished more than a week ago are forgotten.
 */
@Component
class ChaosRunExpectations implements ExpectationSource {
    private final ChaosRunRepository runs;
    private final Clock clock;

    ChaosRunExpectations(ChaosRunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ChaosRunStarted e) {
        if (!e.dry()) {
            runs.started(e.runId(), e.experimentId(), e.startedBy(), e.serviceIds(), e.at());
        }
    }

    @ApplicationModuleListener
    void on(ChaosRunFinished e) {
        if (!e.dry()) {
            runs.finished(e.runId(), e.experimentId(), e.serviceIds(), e.at());
        }
    }

    @Override
    public Optional<Expectation> expecting(Collection<Long> serviceIds, Instant at) {
        return runs.inProgress(serviceIds, at)
                .map(r -> new Expectation(Expectation.CHAOS_RUN, r.runId(), r.startedBy(), r.startedAt()));
    }

    @Override
    public Optional<String> link(Expectation e) {
        return Expectation.CHAOS_RUN.equals(e.kind()) ? Optional.of("/chaos/runs/" + e.reference()) : Optional.empty();
    }

    @Scheduled(fixedDelay = 6 * 3600_000L, initialDelay = 3600_000L)
    void forgetOld() {
        runs.forgetFinishedBefore(clock.instant().minus(Duration.ofDays(7)));
    }
}
