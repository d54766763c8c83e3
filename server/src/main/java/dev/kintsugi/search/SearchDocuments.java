package dev.kintsugi.search;

import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.TimelineItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what the modules' facades answer into the index's documents, whether it was read one at a time (a change)
 * or a page at a time (a rebuild). Each document carries who may read it. A service's owning team is looked up
 * once per instance of this class (one per batch of changes, one per rebuild).
 */
final class SearchDocuments {
    private final CatalogManagement catalog;
    private final Map<String, Optional<String>> teamOfService = new ConcurrentHashMap<>();

    SearchDocuments(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    /** Who may read a post-mortem: its incident's readers when private; a private review's people otherwise. */
    record Access(boolean restricted, Set<String> readers) {}

    static Access access(Postmortem p, IncidentView incident) {
        if (p.incidentId() != null && incident != null) {
            return new Access(incident.privateIncident(), readers(incident));
        }
        PostmortemContent c = p.content();
        Set<String> readers = new HashSet<>(c.participants());
        readers.add(c.facilitator());
        readers.add(c.owner());
        readers.add(p.createdBy());
        readers.remove(null);
        return new Access(p.privateReview(), readers);
    }

    private static Set<String> readers(IncidentView i) {
        Set<String> readers = new HashSet<>(i.participants());
        readers.add(i.declaredBy());
        readers.addAll(i.roles().values());
        readers.remove(null);
        return readers;
    }

    SearchDocument incident(IncidentView i, List<TimelineEntry> timeline) {
        StringBuilder body = new StringBuilder(nz(i.description()));
        for (TimelineEntry e : timeline) {
            append(body, e.body());
        }
        return new SearchDocument(
                DocumentType.INCIDENT,
                i.id(),
                i.key(),
                null,
                "/incidents/" + i.key(),
                i.title(),
                body.toString(),
                i.services().stream().map(IncidentView.ServiceRef::name).toList(),
                i.services().stream()
                        .map(IncidentView.ServiceRef::ownerTeam)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                i.severity().name(),
                i.status().name(),
                List.of(),
                i.milestone(Milestone.DECLARED),
                i.privateIncident(),
                readers(i));
    }

    SearchDocument postmortem(Postmortem p, Access access, List<TimelineItem> timeline) {
        PostmortemContent c = p.content();
        StringBuilder body = new StringBuilder();
        c.textFields().values().forEach(t -> append(body, t));
        c.factors().forEach(f -> append(body, f.category().name().toLowerCase(Locale.ROOT)));
        for (TimelineItem t : timeline) {
            append(body, t.body());
        }
        return new SearchDocument(
                DocumentType.POSTMORTEM,
                p.id(),
                p.key(),
                p.incidentKey(),
                "/postmortems/" + p.id(),
                c.title(),
                body.toString(),
                c.services(),
                teamsOf(c.services()),
                c.severity(),
                p.status().name(),
                c.tags(),
                p.publishedAt() != null ? p.publishedAt() : p.createdAt(),
                access.restricted(),
                access.readers());
    }

    SearchDocument countermeasure(CountermeasureView c, Postmortem p, Access access) {
        List<String> teams = new ArrayList<>(teamsOf(p.content().services()));
        if (c.ownerTeam() != null && !teams.contains(c.ownerTeam())) {
            teams.add(c.ownerTeam());
        }
        StringBuilder body = new StringBuilder(nz(c.description()));
        append(body, c.wontDoReason());
        append(body, c.ticketKey());
        return new SearchDocument(
                DocumentType.COUNTERMEASURE,
                c.id(),
                "CM-" + c.id(),
                c.postmortemKey(),
                "/postmortems/" + c.postmortemId() + "/countermeasures#countermeasure-" + c.id(),
                c.title(),
                body.toString(),
                p.content().services(),
                teams,
                p.content().severity(),
                c.status().name(),
                p.content().tags(),
                c.createdAt(),
                access.restricted(),
                access.readers());
    }

    SearchDocument experiment(ExperimentView e) {
        return new SearchDocument(
                DocumentType.EXPERIMENT,
                e.id(),
                "EXP-" + e.id(),
                null,
                "/chaos/experiments/" + e.id(),
                e.title(),
                e.definition(),
                e.services(),
                teamsOf(e.services()),
                null,
                null,
                List.of(),
                e.updatedAt(),
                false,
                Set.of());
    }

    SearchDocument runbook(AlertDefinition d) {
        String team = catalog.findTeam(d.ownerTeamId()).map(Team::name).orElse(null);
        return new SearchDocument(
                DocumentType.RUNBOOK,
                d.id(),
                d.name(),
                null,
                "/alerts/catalog/" + d.id(),
                d.name().replace('.', ' '),
                d.runbook(),
                List.of(),
                team == null ? List.of() : List.of(team),
                null,
                null,
                List.of(),
                d.createdAt(),
                false,
                Set.of());
    }

    private List<String> teamsOf(List<String> services) {
        Set<String> teams = new LinkedHashSet<>();
        for (String s : services) {
            teamOfService
                    .computeIfAbsent(
                            s,
                            name -> catalog.findService(name)
                                    .flatMap(svc -> catalog.findTeam(svc.ownerTeamId()))
                                    .map(Team::name))
                    .ifPresent(teams::add);
        }
        return List.copyOf(teams);
    }

    private static void append(StringBuilder body, String text) {
        if (text != null && !text.isBlank()) {
            if (!body.isEmpty()) {
                body.append("\n\n");
            }
            body.append(text);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
