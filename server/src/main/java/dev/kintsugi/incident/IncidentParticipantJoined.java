package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/** Someone became a participant of an incident (by joining, taking a role or writing on its timeline). */
public record IncidentParticipantJoined(
        long incidentId, String key, String username, Instant at, Set<Long> serviceIds, Set<Long> teamIds)
        implements IncidentEvent {}
