package dev.kintsugi.incident;

import java.util.Set;

/** Filters for the incident list; null or empty means "any". {@code text} searches title and description. */
public record IncidentQuery(
        Set<IncidentStatus> statuses,
        Set<Severity> severities,
        String service,
        String team,
        String text,
        int page,
        int size) {

    public static IncidentQuery all(int page, int size) {
        return new IncidentQuery(Set.of(), Set.of(), null, null, null, page, size);
    }
}
