package dev.kintsugi.insights;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kintsugi.insights.*}: the weak-signal rule (at least {@code lowSeverityIncidents} incidents of
 * {@code lowSeverities} on one service, or an alert definition firing at least {@code alertRepeats} times, within
 * {@code window}, with nothing addressing them) and whether to rebuild the read model at start-up when it is empty.
 */
@ConfigurationProperties("kintsugi.insights")
public record InsightsProperties(
        Integer lowSeverityIncidents,
        List<String> lowSeverities,
        Integer alertRepeats,
        Duration window,
        Boolean rebuildAtStartup) {
    public InsightsProperties {
        lowSeverityIncidents = lowSeverityIncidents == null ? 3 : Math.max(1, lowSeverityIncidents);
        lowSeverities = lowSeverities == null || lowSeverities.isEmpty() ? List.of("SEV3", "SEV4") : lowSeverities;
        alertRepeats = alertRepeats == null ? 10 : Math.max(1, alertRepeats);
        window = window == null || window.isNegative() || window.isZero() ? Duration.ofDays(30) : window;
        rebuildAtStartup = rebuildAtStartup == null || rebuildAtStartup;
    }
}
