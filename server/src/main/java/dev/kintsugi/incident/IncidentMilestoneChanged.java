package dev.kintsugi.incident;

import java.time.Instant;
import java.util.Set;

/**
 * A milestone was set, corrected or cleared: {@code before} and {@code after} are its old and new times (null when
 * unset). {@code automatic} is true when the incident set it itself (mitigated and resolved by a status change,
 * acknowledged when the commander takes the incident), false when a person corrected it.
 */
public record IncidentMilestoneChanged(
        long incidentId,
        String key,
        Milestone milestone,
        Instant before,
        Instant after,
        Instant at,
        boolean automatic,
        Set<Long> serviceIds,
        Set<Long> teamIds)
        implements IncidentEvent {}
