package dev.kintsugi.incident;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident aggregate. It guards its own invariants: state changes are methods that refuse illegal moves.
 * Each change records what the timeline must say about it ({@link #pendingEntries()}) and what the other
 * modules must hear ({@link #pendingEvents()}); the facade saves both in the same transaction.
 */
public class Incident {
    public static final int MIN_REOPEN_REASON = 10;

    private final long id;
    private final long number;
    private String title;
    private String description;
    private Severity severity;
    private IncidentStatus status;
    private boolean privateIncident;
    private ClosureReason closureReason;
    private Long duplicateOf;
    private final Map<IncidentRole, String> roles = new EnumMap<>(IncidentRole.class);
    private final Map<Milestone, Instant> milestones = new EnumMap<>(Milestone.class);
    private final Set<Long> serviceIds = new LinkedHashSet<>();
    private final Set<String> participants = new LinkedHashSet<>();
    private final String declaredBy;
    private Instant updatedAt;
    private final int version;

    private final List<NewEntry> pendingEntries = new ArrayList<>();
    private final List<Object> pendingEvents = new ArrayList<>();

    /** A timeline entry the aggregate wants written. */
    public record NewEntry(Instant occurredAt, String author, TimelineEntryKind kind, String body) {}

    public Incident(
            long id,
            long number,
            String title,
            String description,
            Severity severity,
            IncidentStatus status,
            boolean privateIncident,
            ClosureReason closureReason,
            Long duplicateOf,
            Map<IncidentRole, String> roles,
            Map<Milestone, Instant> milestones,
            Set<Long> serviceIds,
            Set<String> participants,
            String declaredBy,
            Instant updatedAt,
            int version) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.description = description;
        this.severity = severity;
        this.status = status;
        this.privateIncident = privateIncident;
        this.closureReason = closureReason;
        this.duplicateOf = duplicateOf;
        this.roles.putAll(roles);
        this.milestones.putAll(milestones);
        this.serviceIds.addAll(serviceIds);
        this.participants.addAll(participants);
        this.declaredBy = declaredBy;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static String key(long number) {
        return "INC-" + number;
    }

    // ---- state changes ----

    /** Moves to {@code target}; refuses illegal moves with the allowed next states. */
    public void transition(Transition t, String actor, Instant now) {
        IncidentStatus target = t.to();
        if (target == null) {
            throw new InvalidInputException("to", "must name the target status");
        }
        if (!status.canMoveTo(target)) {
            throw illegal(target);
        }
        IncidentStatus from = status;
        if (status.isReopen(target)) {
            String reason = t.reason() == null ? "" : t.reason().trim();
            if (reason.length() < MIN_REOPEN_REASON) {
                throw new InvalidInputException(
                        "reason", "reopening needs a reason of at least " + MIN_REOPEN_REASON + " characters");
            }
            status = target;
            milestones.remove(Milestone.RESOLVED);
            record(now, actor, TimelineEntryKind.STATUS_CHANGE, "Reopened: " + from + " → " + target + ". " + reason);
            pendingEvents.add(new IncidentReopened(id, key(), reason, now));
            pendingEvents.add(new IncidentStatusChanged(id, key(), from, target, now));
            touch(now);
            return;
        }
        if (target == IncidentStatus.CLOSED) {
            if (t.closureReason() == null) {
                throw new InvalidInputException(
                        "closureReason", "closing needs a reason: RESOLVED, DUPLICATE, FALSE_POSITIVE or CANCELLED");
            }
            if (t.closureReason() == ClosureReason.DUPLICATE) {
                if (t.duplicateOf() == null) {
                    throw new InvalidInputException("duplicateOf", "name the incident this one duplicates");
                }
                if (t.duplicateOf() == id) {
                    throw new InvalidInputException("duplicateOf", "an incident cannot duplicate itself");
                }
            }
        }
        status = target;
        StringBuilder body = new StringBuilder("Status: " + from + " → " + target);
        if (target.ordinal() >= IncidentStatus.MONITORING.ordinal() && target != IncidentStatus.CLOSED) {
            setAutomatically(Milestone.MITIGATED, now, actor);
        }
        if (target == IncidentStatus.RESOLVED
                || (target == IncidentStatus.CLOSED && t.closureReason() == ClosureReason.RESOLVED)) {
            setAutomatically(Milestone.MITIGATED, now, actor);
            setAutomatically(Milestone.RESOLVED, now, actor);
        }
        if (target == IncidentStatus.CLOSED) {
            closureReason = t.closureReason();
            duplicateOf = t.closureReason() == ClosureReason.DUPLICATE ? t.duplicateOf() : null;
            milestones.put(Milestone.CLOSED, now);
            body.append(" (").append(closureReason).append(')');
        }
        if (t.reason() != null && !t.reason().isBlank()) {
            body.append(". ").append(t.reason().trim());
        }
        record(now, actor, TimelineEntryKind.STATUS_CHANGE, body.toString());
        pendingEvents.add(new IncidentStatusChanged(id, key(), from, target, now));
        if (target == IncidentStatus.RESOLVED) {
            pendingEvents.add(new IncidentResolved(id, key(), severity, now));
        }
        if (target == IncidentStatus.CLOSED) {
            pendingEvents.add(new IncidentClosed(id, key(), closureReason, duplicateOf, now));
        }
        touch(now);
    }

    private ConflictException illegal(IncidentStatus target) {
        List<String> allowed =
                status.allowedNext().stream().map(Enum::name).sorted().toList();
        String msg = status == target
                ? key() + " is already " + status
                : key() + " cannot move from " + status + " to " + target
                        + (allowed.isEmpty()
                                ? " (" + status + " is final)"
                                : "; allowed next: " + String.join(", ", allowed));
        return new ConflictException(msg, Map.of("currentStatus", status.name(), "allowedNext", allowed));
    }

    public void changeSeverity(Severity to, String actor, Instant now) {
        requireNotClosed();
        if (to == null || to == severity) {
            return;
        }
        Severity from = severity;
        severity = to;
        record(now, actor, TimelineEntryKind.SEVERITY_CHANGE, "Severity: " + from + " → " + to);
        pendingEvents.add(new IncidentSeverityChanged(id, key(), from, to, now));
        touch(now);
    }

    public void edit(String newTitle, String newDescription, Boolean makePrivate, String actor, Instant now) {
        requireNotClosed();
        List<String> changed = new ArrayList<>();
        if (newTitle != null && !newTitle.equals(title)) {
            title = newTitle;
            changed.add("title");
        }
        if (newDescription != null && !newDescription.equals(description)) {
            description = newDescription.isBlank() ? null : newDescription;
            changed.add("description");
        }
        if (makePrivate != null && makePrivate != privateIncident) {
            privateIncident = makePrivate;
            changed.add(makePrivate ? "made private" : "made public");
        }
        if (!changed.isEmpty()) {
            record(now, actor, TimelineEntryKind.EDIT, "Edited: " + String.join(", ", changed));
            touch(now);
        }
    }

    public void replaceServices(Set<Long> ids, List<String> names, String actor, Instant now) {
        requireNotClosed();
        if (ids.equals(serviceIds)) {
            return;
        }
        serviceIds.clear();
        serviceIds.addAll(ids);
        record(
                now,
                actor,
                TimelineEntryKind.EDIT,
                "Affected services: " + (names.isEmpty() ? "none" : String.join(", ", names)));
        touch(now);
    }

    /** Assigns a role (or clears it with null). The commander's first assignment acknowledges the incident. */
    public void assign(IncidentRole role, String username, String actor, Instant now) {
        requireNotClosed();
        String before = roles.get(role);
        if (java.util.Objects.equals(before, username)) {
            return;
        }
        if (username == null) {
            roles.remove(role);
            record(now, actor, TimelineEntryKind.ROLE_CHANGE, label(role) + ": " + before + " stepped down");
        } else {
            roles.put(role, username);
            join(username, actor, now, false);
            record(
                    now,
                    actor,
                    TimelineEntryKind.ROLE_CHANGE,
                    label(role) + ": " + (before == null ? username : before + " → " + username));
            if (role == IncidentRole.COMMANDER) {
                setAutomatically(Milestone.ACKNOWLEDGED, now, actor);
            }
        }
        pendingEvents.add(new IncidentRoleAssigned(id, key(), role, username, now));
        touch(now);
    }

    /** Acknowledges: sets the milestone, and makes the actor commander if there is none yet. */
    public void acknowledge(String actor, Instant now) {
        requireNotClosed();
        if (milestones.containsKey(Milestone.ACKNOWLEDGED) && roles.containsKey(IncidentRole.COMMANDER)) {
            return;
        }
        if (!roles.containsKey(IncidentRole.COMMANDER)) {
            assign(IncidentRole.COMMANDER, actor, actor, now);
        }
        setAutomatically(Milestone.ACKNOWLEDGED, now, actor);
        touch(now);
    }

    public void join(String username, String actor, Instant now, boolean announce) {
        if (participants.add(username) && announce) {
            record(now, actor, TimelineEntryKind.PARTICIPANT, username + " joined");
            touch(now);
        }
    }

    /** Corrects a milestone after the fact (audited by the facade). */
    public void editMilestone(Milestone m, Instant at, String actor, Instant now) {
        if (m == Milestone.DECLARED && at == null) {
            throw new InvalidInputException("at", "the declaration time cannot be removed");
        }
        if (at != null && at.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("at", "a milestone cannot be in the future");
        }
        if (at != null && (m == Milestone.RESOLVED || m == Milestone.CLOSED) && status.isOpen()) {
            throw new InvalidInputException("milestone", m + " can only be set once the incident is resolved");
        }
        Map<Milestone, Instant> next = new EnumMap<>(milestones);
        if (at == null) {
            next.remove(m);
        } else {
            next.put(m, at);
        }
        checkOrder(next);
        Instant before = milestones.get(m);
        if (at == null) {
            milestones.remove(m);
        } else {
            milestones.put(m, at);
        }
        record(
                now,
                actor,
                TimelineEntryKind.MILESTONE,
                label(m)
                        + (at == null ? " cleared" : " set to " + at)
                        + (before == null ? "" : " (was " + before + ")"));
        pendingEvents.add(new IncidentMilestoneChanged(id, key(), m, before, at, now));
        touch(now);
    }

    /** Impact and detection precede resolution; resolution precedes closing; mitigation precedes resolution. */
    static void checkOrder(Map<Milestone, Instant> m) {
        Instant resolved = m.get(Milestone.RESOLVED);
        Instant closed = m.get(Milestone.CLOSED);
        for (Milestone early :
                List.of(Milestone.IMPACT_STARTED, Milestone.DETECTED, Milestone.DECLARED, Milestone.MITIGATED)) {
            Instant t = m.get(early);
            if (t != null && resolved != null && t.isAfter(resolved)) {
                throw new InvalidInputException("at", label(early) + " cannot be after " + label(Milestone.RESOLVED));
            }
        }
        if (resolved != null && closed != null && resolved.isAfter(closed)) {
            throw new InvalidInputException(
                    "at", label(Milestone.RESOLVED) + " cannot be after " + label(Milestone.CLOSED));
        }
        Instant impact = m.get(Milestone.IMPACT_STARTED);
        Instant detected = m.get(Milestone.DETECTED);
        if (impact != null && detected != null && impact.isAfter(detected)) {
            throw new InvalidInputException("at", "impact cannot start after it was detected");
        }
    }

    private void setAutomatically(Milestone m, Instant at, String actor) {
        if (!milestones.containsKey(m)) {
            milestones.put(m, at);
            record(at, actor, TimelineEntryKind.MILESTONE, label(m));
        }
    }

    private void requireNotClosed() {
        if (status == IncidentStatus.CLOSED) {
            throw new ConflictException(
                    key() + " is closed", Map.of("currentStatus", status.name(), "allowedNext", List.of()));
        }
    }

    private void record(Instant at, String actor, TimelineEntryKind kind, String body) {
        pendingEntries.add(new NewEntry(at, actor, kind, body));
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    static String label(IncidentRole role) {
        return switch (role) {
            case COMMANDER -> "Incident commander";
            case SCRIBE -> "Scribe";
            case COMMUNICATIONS -> "Communications lead";
        };
    }

    static String label(Milestone m) {
        String s = m.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- reading ----

    public long id() {
        return id;
    }

    public long number() {
        return number;
    }

    public String key() {
        return key(number);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    public IncidentStatus status() {
        return status;
    }

    public boolean isPrivate() {
        return privateIncident;
    }

    public ClosureReason closureReason() {
        return closureReason;
    }

    public Long duplicateOf() {
        return duplicateOf;
    }

    public Map<IncidentRole, String> roles() {
        return Map.copyOf(roles);
    }

    public String role(IncidentRole role) {
        return roles.get(role);
    }

    public Map<Milestone, Instant> milestones() {
        return new EnumMap<>(milestones);
    }

    public Instant milestone(Milestone m) {
        return milestones.get(m);
    }

    public Set<Long> serviceIds() {
        return Set.copyOf(serviceIds);
    }

    public Set<String> participants() {
        return new LinkedHashSet<>(participants);
    }

    public String declaredBy() {
        return declaredBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }

    public List<NewEntry> pendingEntries() {
        return List.copyOf(pendingEntries);
    }

    public List<Object> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    public boolean isVisibleTo(String username, boolean admin) {
        return !privateIncident || admin || participants.contains(username) || declaredBy.equals(username);
    }
}
