package dev.kintsugi.incident;

import dev.kintsugi.platform.Actor;
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
    private final Set<Long> teamIds = new LinkedHashSet<>();
    private final Set<String> participants = new LinkedHashSet<>();
    private final String declaredBy;
    private Instant updatedAt;
    private final int version;

    private final List<NewEntry> pendingEntries = new ArrayList<>();
    private final List<Object> pendingEvents = new ArrayList<>();

    /** A timeline entry the aggregate wants written. */
    public record NewEntry(Instant occurredAt, String author, TimelineEntryKind kind, TimelineMessage message) {}

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

    /**
     * Completes a newly inserted incident: its services (and their teams) and its first milestones. Writes the
     * "declared" timeline entry and raises {@link IncidentDeclared}; the declaration's own bookkeeping (services,
     * detected) is implied by it, so it writes no entry of its own.
     */
    public void declare(
            Set<Long> services, Set<Long> teams, Instant impactStartedAt, Instant detectedAt, String actor) {
        Instant declaredAt = milestones.get(Milestone.DECLARED);
        serviceIds.clear();
        serviceIds.addAll(services);
        teamIds.clear();
        teamIds.addAll(teams);
        Map<Milestone, Instant> next = new EnumMap<>(milestones);
        if (impactStartedAt != null) {
            next.put(Milestone.IMPACT_STARTED, impactStartedAt);
        }
        if (detectedAt != null) {
            next.put(Milestone.DETECTED, detectedAt);
        }
        MilestoneOrder.check(next);
        milestones.putAll(next);
        record(declaredAt, actor, TimelineEntryKind.DECLARED, TimelineText.declared(key(), severity, title));
        pendingEvents.add(new IncidentDeclared(
                id,
                key(),
                severity,
                title,
                declaredAt,
                description,
                privateIncident,
                declaredBy,
                milestones(),
                serviceIds(),
                teamIds()));
        if (!Actor.SYSTEM.equals(actor)) {
            join(actor, actor, declaredAt, false);
        }
    }

    /** Names the commander when declaring: unlike taking the role later, this does not acknowledge the incident. */
    public void nameCommanderAtDeclaration(String username, String actor) {
        assign(IncidentRole.COMMANDER, username, actor, milestones.get(Milestone.DECLARED), false);
    }

    /** Moves to {@code target}; refuses illegal moves with the allowed next states. */
    public void transition(Transition t, String actor, Instant now) {
        IncidentStatus target = t.to();
        if (target == null) {
            throw new InvalidInputException("to", "must name the target status");
        }
        if (!status.canMoveTo(target)) {
            throw TransitionRules.illegal(key(), status, target);
        }
        IncidentStatus from = status;
        if (status.isReopen(target)) {
            String reason = t.reason() == null ? "" : t.reason().trim();
            if (reason.length() < MIN_REOPEN_REASON) {
                throw new InvalidInputException(
                        "reason", "reopening needs a reason of at least " + MIN_REOPEN_REASON + " characters");
            }
            status = target;
            Instant resolved = milestones.remove(Milestone.RESOLVED);
            record(now, actor, TimelineEntryKind.STATUS_CHANGE, TimelineText.reopened(from, target, reason));
            pendingEvents.add(new IncidentReopened(id, key(), reason, now, serviceIds(), teamIds()));
            pendingEvents.add(new IncidentStatusChanged(id, key(), from, target, now, serviceIds(), teamIds()));
            if (resolved != null) {
                milestoneChanged(Milestone.RESOLVED, resolved, null, now, true);
            }
            touch(now);
            return;
        }
        if (target == IncidentStatus.CLOSED) {
            TransitionRules.requireClosureReason(t, id);
        }
        status = target;
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
            Instant before = milestones.put(Milestone.CLOSED, now);
            milestoneChanged(Milestone.CLOSED, before, now, now, true);
        }
        record(
                now,
                actor,
                TimelineEntryKind.STATUS_CHANGE,
                TimelineText.statusChanged(
                        from, target, target == IncidentStatus.CLOSED ? closureReason : null, t.reason()));
        pendingEvents.add(new IncidentStatusChanged(id, key(), from, target, now, serviceIds(), teamIds()));
        if (target == IncidentStatus.RESOLVED) {
            pendingEvents.add(new IncidentResolved(id, key(), severity, now, serviceIds(), teamIds()));
        }
        if (target == IncidentStatus.CLOSED) {
            pendingEvents.add(new IncidentClosed(id, key(), closureReason, duplicateOf, now, serviceIds(), teamIds()));
        }
        touch(now);
    }

    public void changeSeverity(Severity to, String actor, Instant now) {
        requireNotClosed();
        if (to == null || to == severity) {
            return;
        }
        Severity from = severity;
        severity = to;
        record(now, actor, TimelineEntryKind.SEVERITY_CHANGE, TimelineText.severityChanged(from, to));
        pendingEvents.add(new IncidentSeverityChanged(id, key(), from, to, now, serviceIds(), teamIds()));
        touch(now);
    }

    public void edit(String newTitle, String newDescription, Boolean makePrivate, String actor, Instant now) {
        requireNotClosed();
        List<String> changed = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        if (newTitle != null && !newTitle.equals(title)) {
            title = newTitle;
            changed.add("title");
            fields.add(IncidentUpdated.TITLE);
        }
        String normalised = newDescription == null || newDescription.isBlank() ? null : newDescription;
        if (newDescription != null && !java.util.Objects.equals(normalised, description)) {
            description = normalised;
            changed.add("description");
            fields.add(IncidentUpdated.DESCRIPTION);
        }
        if (makePrivate != null && makePrivate != privateIncident) {
            privateIncident = makePrivate;
            changed.add(makePrivate ? "private" : "public");
            fields.add(IncidentUpdated.PRIVATE);
        }
        if (!changed.isEmpty()) {
            record(now, actor, TimelineEntryKind.EDIT, TimelineText.edited(changed));
            updated(fields, now);
        }
    }

    /** Replaces the affected services; {@code teams} are the teams owning them, {@code names} their names. */
    public void replaceServices(Set<Long> ids, Set<Long> teams, List<String> names, String actor, Instant now) {
        requireNotClosed();
        if (ids.equals(serviceIds)) {
            return;
        }
        serviceIds.clear();
        serviceIds.addAll(ids);
        teamIds.clear();
        teamIds.addAll(teams);
        record(now, actor, TimelineEntryKind.EDIT, TimelineText.services(names));
        updated(Set.of(IncidentUpdated.SERVICES), now);
    }

    private void updated(Set<String> fields, Instant now) {
        pendingEvents.add(new IncidentUpdated(
                id, key(), Set.copyOf(fields), title, description, privateIncident, now, serviceIds(), teamIds()));
        touch(now);
    }

    /**
     * Assigns a role (or clears it with null). Someone taking the commander role themselves acknowledges the
     * incident: acknowledging is a person's act, so naming someone else commander does not.
     */
    public void assign(IncidentRole role, String username, String actor, Instant now) {
        assign(role, username, actor, now, true);
    }

    private void assign(IncidentRole role, String username, String actor, Instant now, boolean mayAcknowledge) {
        requireNotClosed();
        String before = roles.get(role);
        if (java.util.Objects.equals(before, username)) {
            return;
        }
        if (username == null) {
            roles.remove(role);
            record(now, actor, TimelineEntryKind.ROLE_CHANGE, TimelineText.roleLeft(role, before));
        } else {
            roles.put(role, username);
            join(username, actor, now, false);
            record(now, actor, TimelineEntryKind.ROLE_CHANGE, TimelineText.roleTaken(role, before, username));
        }
        pendingEvents.add(new IncidentRoleAssigned(id, key(), role, username, now, serviceIds(), teamIds()));
        if (mayAcknowledge && role == IncidentRole.COMMANDER && username != null && username.equals(actor)) {
            setAutomatically(Milestone.ACKNOWLEDGED, now, actor);
        }
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
        if (!participants.add(username)) {
            return;
        }
        if (announce) {
            record(now, actor, TimelineEntryKind.PARTICIPANT, TimelineText.joined(username));
        }
        pendingEvents.add(new IncidentParticipantJoined(id, key(), username, now, serviceIds(), teamIds()));
        touch(now);
    }

    /** Corrects a milestone after the fact (audited by the facade). */
    public void editMilestone(Milestone m, Instant at, String actor, Instant now) {
        MilestoneOrder.checkEdit(milestones, m, at, status, now);
        Instant before = milestones.get(m);
        if (java.util.Objects.equals(before, at)) {
            return;
        }
        if (at == null) {
            milestones.remove(m);
        } else {
            milestones.put(m, at);
        }
        record(now, actor, TimelineEntryKind.MILESTONE, TimelineText.milestoneEdited(m, before, at));
        milestoneChanged(m, before, at, now, false);
        touch(now);
    }

    private void setAutomatically(Milestone m, Instant at, String actor) {
        if (!milestones.containsKey(m)) {
            milestones.put(m, at);
            record(at, actor, TimelineEntryKind.MILESTONE, TimelineText.milestoneReached(m));
            milestoneChanged(m, null, at, at, true);
        }
    }

    private void milestoneChanged(Milestone m, Instant before, Instant after, Instant now, boolean automatic) {
        pendingEvents.add(
                new IncidentMilestoneChanged(id, key(), m, before, after, now, automatic, serviceIds(), teamIds()));
    }

    private void requireNotClosed() {
        if (status == IncidentStatus.CLOSED) {
            throw new ConflictException(
                    key() + " is closed", Map.of("currentStatus", status.name(), "allowedNext", List.of()));
        }
    }

    private void record(Instant at, String actor, TimelineEntryKind kind, TimelineMessage message) {
        pendingEntries.add(new NewEntry(at, actor, kind, message));
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    /**
     * Tells the incident which teams own its services now (the catalog knows; the incident's own tables do
     * not), so its events carry them. Not a change of the incident.
     */
    public void ownedBy(Set<Long> teams) {
        teamIds.clear();
        teamIds.addAll(teams);
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

    public Set<Long> teamIds() {
        return Set.copyOf(teamIds);
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
