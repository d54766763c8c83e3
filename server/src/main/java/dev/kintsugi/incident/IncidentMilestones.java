package dev.kintsugi.incident;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The milestone rules of one incident, which the aggregate delegates to: milestones set automatically once (by a
 * status move or a person's act), corrected by hand within their order ({@link MilestoneOrder}), and every change
 * reported through the aggregate as a timeline entry and an {@link IncidentMilestoneChanged} event.
 */
final class IncidentMilestones {
    private final Incident incident;
    private final Map<Milestone, Instant> at = new EnumMap<>(Milestone.class);

    IncidentMilestones(Incident incident) {
        this.incident = incident;
    }

    /** The milestones as stored (no change, no event). */
    void load(Map<Milestone, Instant> stored) {
        at.putAll(stored);
    }

    Instant get(Milestone m) {
        return at.get(m);
    }

    boolean has(Milestone m) {
        return at.containsKey(m);
    }

    Map<Milestone, Instant> all() {
        return new EnumMap<>(at);
    }

    /** The declaration's own: impact start and detection, checked against the declaration time. */
    void declare(Instant impactStartedAt, Instant detectedAt) {
        Map<Milestone, Instant> next = new EnumMap<>(at);
        if (impactStartedAt != null) {
            next.put(Milestone.IMPACT_STARTED, impactStartedAt);
        }
        if (detectedAt != null) {
            next.put(Milestone.DETECTED, detectedAt);
        }
        MilestoneOrder.check(next);
        at.putAll(next);
    }

    /** Sets {@code m} the first time only: a milestone reached is not reached again. */
    void setAutomatically(Milestone m, Instant when, String actor) {
        if (!at.containsKey(m)) {
            at.put(m, when);
            incident.record(when, actor, TimelineEntryKind.MILESTONE, TimelineText.milestoneReached(m));
            changed(m, null, when, when, true);
        }
    }

    /** Forgets {@code m} because the incident moved back (a reopen forgets RESOLVED). */
    void forget(Milestone m, Instant now) {
        Instant before = at.remove(m);
        if (before != null) {
            changed(m, before, null, now, true);
        }
    }

    /** Closing sets CLOSED every time it happens (a reopened incident closes again). */
    void closed(Instant now) {
        Instant before = at.put(Milestone.CLOSED, now);
        changed(Milestone.CLOSED, before, now, now, true);
    }

    /** A person's correction after the fact; answers whether anything changed. */
    boolean edit(Milestone m, Instant when, IncidentStatus status, String actor, Instant now) {
        MilestoneOrder.checkEdit(at, m, when, status, now);
        Instant before = at.get(m);
        if (Objects.equals(before, when)) {
            return false;
        }
        if (when == null) {
            at.remove(m);
        } else {
            at.put(m, when);
        }
        incident.record(now, actor, TimelineEntryKind.MILESTONE, TimelineText.milestoneEdited(m, before, when));
        changed(m, before, when, now, false);
        return true;
    }

    private void changed(Milestone m, Instant before, Instant after, Instant now, boolean automatic) {
        incident.raise(new IncidentMilestoneChanged(
                incident.id(),
                incident.key(),
                m,
                before,
                after,
                now,
                automatic,
                incident.serviceIds(),
                incident.teamIds()));
    }
}
