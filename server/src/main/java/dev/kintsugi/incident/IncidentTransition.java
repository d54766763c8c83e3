package dev.kintsugi.incident;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;

/**
 * The status rules of the incident aggregate, which it delegates to: a move the status machine allows
 * ({@link IncidentStatus#canMoveTo}), a reopen with a reason, a closure with its reason ({@link TransitionRules}),
 * the milestones each move implies, and the timeline entry and events it raises.
 */
final class IncidentTransition {
    private IncidentTransition() {}

    static void apply(Incident incident, Transition t, String actor, Instant now) {
        IncidentStatus target = t.to();
        if (target == null) {
            throw new InvalidInputException("to", "incident.validation.targetStatus", "must name the target status");
        }
        IncidentStatus from = incident.status();
        if (!from.canMoveTo(target)) {
            throw TransitionRules.illegal(incident.key(), from, target);
        }
        if (from.isReopen(target)) {
            reopen(incident, from, target, t.reason(), actor, now);
            return;
        }
        if (target == IncidentStatus.CLOSED) {
            TransitionRules.requireClosureReason(t, incident.id());
        }
        IncidentMilestones milestones = incident.milestoneRules();
        incident.moveTo(target);
        if (target.ordinal() >= IncidentStatus.MONITORING.ordinal() && target != IncidentStatus.CLOSED) {
            milestones.setAutomatically(Milestone.MITIGATED, now, actor);
        }
        if (target == IncidentStatus.RESOLVED
                || (target == IncidentStatus.CLOSED && t.closureReason() == ClosureReason.RESOLVED)) {
            milestones.setAutomatically(Milestone.MITIGATED, now, actor);
            milestones.setAutomatically(Milestone.RESOLVED, now, actor);
        }
        if (target == IncidentStatus.CLOSED) {
            incident.closeAs(t.closureReason(), t.closureReason() == ClosureReason.DUPLICATE ? t.duplicateOf() : null);
            milestones.closed(now);
        }
        incident.record(
                now,
                actor,
                TimelineEntryKind.STATUS_CHANGE,
                TimelineText.statusChanged(
                        from, target, target == IncidentStatus.CLOSED ? incident.closureReason() : null, t.reason()));
        incident.raise(new IncidentStatusChanged(
                incident.id(), incident.key(), from, target, now, incident.serviceIds(), incident.teamIds()));
        if (target == IncidentStatus.RESOLVED) {
            incident.raise(new IncidentResolved(
                    incident.id(),
                    incident.key(),
                    incident.severity(),
                    now,
                    incident.serviceIds(),
                    incident.teamIds()));
        }
        if (target == IncidentStatus.CLOSED) {
            incident.raise(new IncidentClosed(
                    incident.id(),
                    incident.key(),
                    incident.closureReason(),
                    incident.duplicateOf(),
                    now,
                    incident.serviceIds(),
                    incident.teamIds()));
        }
        incident.touch(now);
    }

    private static void reopen(
            Incident incident, IncidentStatus from, IncidentStatus target, String why, String actor, Instant now) {
        String reason = why == null ? "" : why.trim();
        if (reason.length() < Incident.MIN_REOPEN_REASON) {
            throw new InvalidInputException(
                    "reason",
                    "incident.validation.reopenReason",
                    "reopening needs a reason of at least " + Incident.MIN_REOPEN_REASON + " characters",
                    Incident.MIN_REOPEN_REASON);
        }
        incident.moveTo(target);
        incident.record(now, actor, TimelineEntryKind.STATUS_CHANGE, TimelineText.reopened(from, target, reason));
        incident.raise(new IncidentReopened(
                incident.id(), incident.key(), reason, now, incident.serviceIds(), incident.teamIds()));
        incident.raise(new IncidentStatusChanged(
                incident.id(), incident.key(), from, target, now, incident.serviceIds(), incident.teamIds()));
        incident.milestoneRules().forget(Milestone.RESOLVED, now);
        incident.touch(now);
    }
}
