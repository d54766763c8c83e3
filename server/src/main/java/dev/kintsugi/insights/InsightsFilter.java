package dev.kintsugi.insights;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Which incidents a figure is about: a team's (the incident affected a service it owned), a service's, some
 * severities (empty: all), declared in {@code [from, to)}, and game-day incidents only when asked for. Null means
 * "any".
 */
public record InsightsFilter(
        Long teamId, Long serviceId, Set<Severity> severities, Instant from, Instant to, boolean includeGameDays) {
    public InsightsFilter {
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }

    public static InsightsFilter between(Instant from, Instant to) {
        return new InsightsFilter(null, null, Set.of(), from, to, false);
    }
}
