package dev.kintsugi.chaos;

import java.util.List;

/**
 * What experiments may do to one service: allow-lists (empty: not restricted), blast-radius caps and the window in
 * which runs may start ({@code windowDays} MON..SUN, empty: every day; hours {@code HH:mm} in {@code windowZone},
 * empty: all day).
 */
public record ServicePolicy(
        long serviceId,
        List<String> allowedNamespaces,
        List<String> allowedHosts,
        List<String> allowedProxies,
        int maxConcurrentRuns,
        int maxPodPercent,
        List<String> windowDays,
        String windowStart,
        String windowEnd,
        String windowZone,
        long version) {

    static ServicePolicy defaults(long serviceId) {
        return new ServicePolicy(serviceId, List.of(), List.of(), List.of(), 1, 50, List.of(), null, null, null, 0);
    }
}
