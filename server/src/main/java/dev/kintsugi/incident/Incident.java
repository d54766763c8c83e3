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
    private String title;
    private String description;
    private Severity severity;
    private IncidentStatus status;
    private boolean privateIncident;
    private ClosureReason closureReason;
    private Long duplicateOf;
    private final IncidentRoles roles = new IncidentRoles(this);
    private final IncidentMilestones milestones = new IncidentMilestones(this);
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
        this.roles.load(roles);
        this.milestones.load(milestones);
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
        milestones.declare(impactStartedAt, detectedAt);
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
