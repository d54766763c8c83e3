package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/**
 * An incident's title, description, private flag or affected services changed. {@code changed} names what
 * changed ({@code title}, {@code description}, {@code privateIncident}, {@code services}); the other components
 * are the incident's values after the change, so a read model can take them as they are.
 */
public record IncidentUpdated(
        long incidentId,
        String key,
        Set<String> changed,
        String title,
        String description,
        boolean privateIncident,
        Instant at,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String PRIVATE = "privateIncident";
    public static final String SERVICES = "services";
}
