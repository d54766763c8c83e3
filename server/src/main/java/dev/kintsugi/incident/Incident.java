package dev.kintsugi.incident;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
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
    private Severity severity;
    private IncidentStatus status;
    private ClosureReason closureReason;
    private Long duplicateOf;
    private final IncidentRoles roles = new IncidentRoles(this);
    private final IncidentMilestones milestones = new IncidentMilestones(this);
    private final IncidentDetails details;
    private final Set<String> participants = new LinkedHashSet<>();
    private final String declaredBy;
    private final Long gameDayId;
    private Instant updatedAt;
    private final int version;

    private final List<NewEntry> pendingEntries = new ArrayList<>();
    private final List<Object> pendingEvents = new ArrayList<>();

    /** A timeline entry the aggregate wants written. */
    public record NewEntry(Instant occurredAt, String author, TimelineEntryKind kind, TimelineMessage message) {}

    /** As loaded: {@code gameDayId} is the game day the incident was declared in, null for a real incident. */
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
            int version,
            Long gameDayId) {
        this.gameDayId = gameDayId;
        this.id = id;
        this.number = number;
        this.severity = severity;
        this.status = status;
        this.closureReason = closureReason;
        this.duplicateOf = duplicateOf;
        this.roles.load(roles);
        this.milestones.load(milestones);
        this.details = new IncidentDetails(this, title, description, privateIncident, serviceIds);
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
        details.services(services, teams);
        milestones.declare(impactStartedAt, detectedAt);
        record(declaredAt, actor, TimelineEntryKind.DECLARED, TimelineText.declared(key(), severity, details.title()));
        pendingEvents.add(new IncidentDeclared(
                id,
                key(),
                severity,
                details.title(),
                declaredAt,
                details.description(),
                details.isPrivate(),
                declaredBy,
                milestones(),
                serviceIds(),
                teamIds(),
                gameDayId));
        if (!Actor.SYSTEM.equals(actor)) {
            join(actor, actor, declaredAt, false);
        }
    }

    /** Names the commander when declaring: unlike taking the role later, this does not acknowledge the incident. */
    public void nameCommanderAtDeclaration(String username, String actor) {
        assign(IncidentRole.COMMANDER, username, actor, milestones.get(Milestone.DECLARED), false);
    }

    /** Moves to {@code target}; refuses illegal moves with the allowed next states ({@link IncidentTransition}). */
    public void transition(Transition t, String actor, Instant now) {
        IncidentTransition.apply(this, t, actor, now);
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

    /** Edits title, description and privacy; each change is one timeline entry and one {@link IncidentUpdated}. */
    public void edit(String newTitle, String newDescription, Boolean makePrivate, String actor, Instant now) {
        details.edit(newTitle, newDescription, makePrivate, actor, now);
    }

    /** Replaces the affected services; {@code teams} are the teams owning them, {@code names} their names. */
    public void replaceServices(Set<Long> ids, Set<Long> teams, List<String> names, String actor, Instant now) {
        details.replaceServices(ids, teams, names, actor, now);
    }

    /**
     * Assigns a role (or clears it with null). Someone taking the commander role themselves acknowledges the
     * incident: acknowledging is a person's act, so naming someone else commander does not.
     */
    public void assign(IncidentRole role, String username, String actor, Instant now) {
        assign(role, username, actor, now, true);
    }

    private void assign(IncidentRole role, String username, String actor, Instant now, boolean mayAcknowledge) {
        roles.assign(role, username, actor, now, mayAcknowledge);
    }

    /** Acknowledges: sets the milestone, and makes the actor commander if there is none yet. */
    public void acknowledge(String actor, Instant now) {
        roles.acknowledge(actor, now);
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
        if (milestones.edit(m, at, status, actor, now)) {
            touch(now);
        }
    }

    void requireNotClosed() {
        if (status == IncidentStatus.CLOSED) {
            throw new ConflictException(
                    "incident.conflict.closed",
                    key() + " is closed",
                    Map.of("currentStatus", status.name(), "allowedNext", List.of()),
                    key());
        }
    }

    // ---- for the package-private rules the aggregate delegates to (IncidentMilestones, IncidentTransition) ----

    void record(Instant at, String actor, TimelineEntryKind kind, TimelineMessage message) {
        pendingEntries.add(new NewEntry(at, actor, kind, message));
    }

    void raise(Object event) {
        pendingEvents.add(event);
    }

    void touch(Instant now) {
        updatedAt = now;
    }

    IncidentMilestones milestoneRules() {
        return milestones;
    }

    void moveTo(IncidentStatus next) {
        status = next;
    }

    void closeAs(ClosureReason reason, Long duplicate) {
        closureReason = reason;
        duplicateOf = duplicate;
    }

    /**
     * Tells the incident which teams own its services now (the catalog knows; the incident's own tables do
     * not), so its events carry them. Not a change of the incident.
     */
    public void ownedBy(Set<Long> teams) {
        details.ownedBy(teams);
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
        return details.title();
    }

    public String description() {
        return details.description();
    }

    public Severity severity() {
        return severity;
    }

    public IncidentStatus status() {
        return status;
    }

    public boolean isPrivate() {
        return details.isPrivate();
    }

    public ClosureReason closureReason() {
        return closureReason;
    }

    public Long duplicateOf() {
        return duplicateOf;
    }

    public Map<IncidentRole, String> roles() {
        return roles.all();
    }

    public String role(IncidentRole role) {
        return roles.get(role);
    }

    public Map<Milestone, Instant> milestones() {
        return milestones.all();
    }

    public Instant milestone(Milestone m) {
        return milestones.get(m);
    }

    public Set<Long> serviceIds() {
        return details.serviceIds();
    }

    public Set<Long> teamIds() {
        return details.teamIds();
    }

    public Set<String> participants() {
        return new LinkedHashSet<>(participants);
    }

    public String declaredBy() {
        return declaredBy;
    }

    /** The game day this incident was declared in, null for a real incident. */
    public Long gameDayId() {
        return gameDayId;
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
        return !details.isPrivate() || admin || participants.contains(username) || declaredBy.equals(username);
    }
}
