package dev.kintsugi.incident;

import java.util.Set;

/**
 * What every incident event carries: the incident (id and key), the services it affects and the teams that own
 * them at the time of the event, so that other modules (search, insights) can keep their read models from events
 * alone and filter them by service or team without asking this module.
 */
public interface IncidentEvent {
    long incidentId();

    String key();

    Set<Long> serviceIds();

    Set<Long> teamIds();
}
