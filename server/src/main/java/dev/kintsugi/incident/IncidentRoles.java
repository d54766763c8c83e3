package dev.kintsugi.incident;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The role rules of one incident, which the aggregate delegates to: who holds commander, scribe and
 * communications lead; a role holder takes part; someone taking the commander role themselves acknowledges the
 * incident (acknowledging is a person's act, so naming someone else commander does not). Each change is reported
 * through the aggregate as a timeline entry and an {@link IncidentRoleAssigned} event.
 */
final class IncidentRoles {
    private final Incident incident;
    private final Map<IncidentRole, String> holders = new EnumMap<>(IncidentRole.class);

    IncidentRoles(Incident incident) {
        this.incident = incident;
    }

    void load(Map<IncidentRole, String> stored) {
        holders.putAll(stored);
    }

    String get(IncidentRole role) {
        return holders.get(role);
    }

    Map<IncidentRole, String> all() {
        return Map.copyOf(holders);
    }

    void assign(IncidentRole role, String username, String actor, Instant now, boolean mayAcknowledge) {
        incident.requireNotClosed();
        String before = holders.get(role);
        if (Objects.equals(before, username)) {
            return;
        }
        if (username == null) {
            holders.remove(role);
            incident.record(now, actor, TimelineEntryKind.ROLE_CHANGE, TimelineText.roleLeft(role, before));
        } else {
            holders.put(role, username);
            incident.join(username, actor, now, false);
            incident.record(now, actor, TimelineEntryKind.ROLE_CHANGE, TimelineText.roleTaken(role, before, username));
        }
        incident.raise(new IncidentRoleAssigned(
                incident.id(), incident.key(), role, username, now, incident.serviceIds(), incident.teamIds()));
        if (mayAcknowledge && role == IncidentRole.COMMANDER && username != null && username.equals(actor)) {
            incident.milestoneRules().setAutomatically(Milestone.ACKNOWLEDGED, now, actor);
        }
        incident.touch(now);
    }

    /** Acknowledges: sets the milestone, and makes the actor commander if there is none yet. */
    void acknowledge(String actor, Instant now) {
        incident.requireNotClosed();
        if (incident.milestoneRules().has(Milestone.ACKNOWLEDGED) && holders.containsKey(IncidentRole.COMMANDER)) {
            return;
        }
        if (!holders.containsKey(IncidentRole.COMMANDER)) {
            assign(IncidentRole.COMMANDER, actor, actor, now, true);
        }
        incident.milestoneRules().setAutomatically(Milestone.ACKNOWLEDGED, now, actor);
        incident.touch(now);
    }
}
