package dev.kintsugi.insights;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, rebuilds the read model in the background when it is empty but incidents exist, or fills in only
 * the chaos runs' scores when those alone are missing.
 */
@Component
class InsightsStartup {
    private static final Logger log = LoggerFactory.getLogger(InsightsStartup.class);
    private final InsightsStore store;
    private final InsightsRebuild rebuild;
    private final IncidentManagement incidents;
    private final InsightsProperties properties;
    private final ChaosScoreStore chaosScores;

    InsightsStartup(
            InsightsStore store,
            InsightsRebuild rebuild,
            IncidentManagement incidents,
            InsightsProperties properties,
            ChaosScoreStore chaosScores) {
        this.chaosScores = chaosScores;
        this.store = store;
        this.rebuild = rebuild;
        this.incidents = incidents;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!properties.rebuildAtStartup()) {
            return;
        }
        if (store.incidentCount() > 0) {
            chaosScoresIfMissing();
            return;
        }
        Thread.ofVirtual().name("insights-rebuild").start(() -> {
            try {
                Actor.runAsSystem("insights: read model empty at start-up", () -> {
                    if (incidents.count() > 0) {
                        InsightsRebuild.Counts c = rebuild.rebuild();
                        log.info("Insights read model rebuilt at start-up: {}", c);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Insights rebuild at start-up failed; POST /api/v1/insights/rebuild retries it", e);
            }
        });
    }

    /** A model kept before chaos scores were (V97) gets them once, from the chaos module. */
    private void chaosScoresIfMissing() {
        if (chaosScores.count() > 0) {
            return;
        }
        Thread.ofVirtual().name("insights-chaos-scores").start(() -> {
            try {
                long n = Actor.runAsSystem("insights: chaos scores missing at start-up", rebuild::rebuildChaosScores);
                if (n > 0) {
                    log.info("Insights read model: {} chaos run scores filled in at start-up", n);
                }
            } catch (RuntimeException e) {
                log.warn("Filling in chaos scores at start-up failed; POST /api/v1/insights/rebuild retries it", e);
            }
        });
    }
}
