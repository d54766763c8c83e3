package dev.kintsugi.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an incident is about, which the aggregate delegates to: its title, description, privacy and affected services
 * (with the teams owning them). Each edit is reported through the aggregate as a timeline entry and an {@link
 * IncidentUpdated} naming the fields that changed.
 */
final class IncidentDetails {
    private final Incident incident;
    private String title;
    private String description;
    private boolean privateIncident;
    private final Set<Long> serviceIds = new LinkedHashSet<>();
    private final Set<Long> teamIds = new LinkedHashSet<>();

    IncidentDetails(Incident incident, String title, String description, boolean privateIncident, Set<Long> services) {
        this.incident = incident;
        this.title = title;
        this.description = description;
        this.privateIncident = privateIncident;
        this.serviceIds.addAll(services);
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    boolean isPrivate() {
        return privateIncident;
    }

    Set<Long> serviceIds() {
        return Set.copyOf(serviceIds);
    }

    Set<Long> teamIds() {
        return Set.copyOf(teamIds);
    }

    /** The services at declaration, and the teams owning them. */
    void services(Set<Long> services, Set<Long> teams) {
        serviceIds.clear();
        serviceIds.addAll(services);
        ownedBy(teams);
    }

    void ownedBy(Set<Long> teams) {
        teamIds.clear();
        teamIds.addAll(teams);
    }

    void edit(String newTitle, String newDescription, Boolean makePrivate, String actor, Instant now) {
        incident.requireNotClosed();
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
            incident.record(now, actor, TimelineEntryKind.EDIT, TimelineText.edited(changed));
            updated(fields, now);
        }
    }

    /** Replaces the affected services; {@code teams} are the teams owning them, {@code names} their names. */
    void replaceServices(Set<Long> ids, Set<Long> teams, List<String> names, String actor, Instant now) {
        incident.requireNotClosed();
        if (ids.equals(serviceIds)) {
            return;
        }
        serviceIds.clear();
        serviceIds.addAll(ids);
        teamIds.clear();
        teamIds.addAll(teams);
        incident.record(now, actor, TimelineEntryKind.EDIT, TimelineText.services(names));
        updated(Set.of(IncidentUpdated.SERVICES), now);
    }

    private void updated(Set<String> fields, Instant now) {
        incident.raise(new IncidentUpdated(
                incident.id(),
                incident.key(),
                Set.copyOf(fields),
                title,
                description,
                privateIncident,
                now,
                serviceIds(),
                teamIds()));
        incident.touch(now);
    }
}
