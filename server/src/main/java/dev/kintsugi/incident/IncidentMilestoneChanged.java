package dev.kintsugi.incident;

import java.time.Instant;

/** A milestone was corrected after the fact. */
public record IncidentMilestoneChanged(
        long incidentId, String key, Milestone milestone, Instant before, Instant after, Instant at) {}
