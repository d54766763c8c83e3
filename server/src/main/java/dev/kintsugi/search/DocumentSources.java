package dev.kintsugi.search;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.postmortem.CountermeasureFilter;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.LibraryEntry;
import dev.kintsugi.postmortem.LibraryQuery;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemLibrary;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.PostmortemTimeline;
import dev.kintsugi.postmortem.TimelineItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Builds the index's documents from the other modules' facades (never their tables). Called as the system
 * (which sees everything); the documents carry who may read them. A document whose subject is gone (or was never
 * there) is empty, and is then deleted from the index.
 */
@Component
class DocumentSources {
    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;
    private final PostmortemTimeline postmortemTimeline;
    private final PostmortemLibrary library;
    private final Countermeasures countermeasures;
    private final ChaosExperiments experiments;
    private final AlertCatalog alerts;
    private final CatalogManagement catalog;

    DocumentSources(
            IncidentManagement incidents,
            PostmortemManagement postmortems,
            PostmortemTimeline postmortemTimeline,
            PostmortemLibrary library,
            Countermeasures countermeasures,
            ChaosExperiments experiments,
            AlertCatalog alerts,
            CatalogManagement catalog) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.postmortemTimeline = postmortemTimeline;
        this.library = library;
        this.countermeasures = countermeasures;
        this.experiments = experiments;
        this.alerts = alerts;
        this.catalog = catalog;
    }

    Optional<SearchDocument> document(DocumentType type, long id) {
        try {
            return Optional.ofNullable(
                    switch (type) {
                        case INCIDENT -> incident(incidents.get(id));
                        case POSTMORTEM -> postmortem(postmortems.get(id));
                        case COUNTERMEASURE -> countermeasure(countermeasures.get(id));
                        case EXPERIMENT -> experiment(experiments.get(id));
                        case RUNBOOK -> alerts.find(id).map(this::runbook).orElse(null);
                    });
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The documents that follow from this one: an incident's post-mortem, a post-mortem's countermeasures. */
    List<String> dependents(DocumentType type, long id) {
        try {
            return switch (type) {
                case INCIDENT ->
                    postmortems
                            .idForIncident(id)
                            .map(pm -> Stream.concat(Stream.of(DocumentType.POSTMORTEM.key(pm)), countermeasureKeys(pm))
                                    .toList())
                            .orElse(List.of());
                case POSTMORTEM -> countermeasureKeys(id).toList();
                default -> List.of();
            };
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private Stream<String> countermeasureKeys(long postmortemId) {
        return countermeasures.of(postmortemId).stream().map(c -> DocumentType.COUNTERMEASURE.key(c.id()));
    }

    /** Every document's key, a batch at a time (for a rebuild), and how many there are about. */
    void everyKey(int batch, Consumer<List<String>> keys) {
        for (int page = 0; ; page++) {
            PageResult<IncidentSummary> p = incidents.search(IncidentQuery.all(page, batch));
            keys.accept(p.items().stream()
                    .map(i -> DocumentType.INCIDENT.key(i.id()))
                    .toList());
            if (!p.hasNext()) {
                break;
            }
        }
        for (PostmortemStatus status : PostmortemStatus.values()) {
            LibraryQuery q = new LibraryQuery(null, null, null, null, null, null, status, null);
            for (int page = 0; ; page++) {
                PageResult<LibraryEntry> p = library.search(q, page, batch);
                keys.accept(p.items().stream()
                        .map(e -> DocumentType.POSTMORTEM.key(e.id()))
                        .toList());
                if (!p.hasNext()) {
                    break;
                }
            }
        }
        CountermeasureFilter all = new CountermeasureFilter(null, null, null, null, null, null);
        for (int page = 0; ; page++) {
            PageResult<CountermeasureView> p = countermeasures.list(all, page, batch);
            keys.accept(p.items().stream()
                    .map(c -> DocumentType.COUNTERMEASURE.key(c.id()))
                    .toList());
            if (!p.hasNext()) {
                break;
            }
        }
        keys.accept(experiments.list(null).stream()
                .map(e -> DocumentType.EXPERIMENT.key(e.id()))
                .toList());
        keys.accept(alerts.list().stream()
                .map(d -> DocumentType.RUNBOOK.key(d.id()))
                .toList());
    }

    /** How many documents a rebuild will go through (for its progress). */
    long count() {
        long n = incidents.search(IncidentQuery.all(0, 1)).total();
        for (PostmortemStatus status : PostmortemStatus.values()) {
            n += library.search(new LibraryQuery(null, null, null, null, null, null, status, null), 0, 1)
                    .total();
        }
        n += countermeasures
                .list(new CountermeasureFilter(null, null, null, null, null, null), 0, 1)
                .total();
        return n + experiments.list(null).size() + alerts.list().size();
    }

    private SearchDocument incident(IncidentView i) {
        StringBuilder body = new StringBuilder(nz(i.description()));
        for (TimelineEntry e : incidents.timeline(i.key())) {
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

    private static Set<String> readers(IncidentView i) {
        Set<String> readers = new HashSet<>(i.participants());
        readers.add(i.declaredBy());
        readers.addAll(i.roles().values());
        readers.remove(null);
        return readers;
    }

    /** Who may read a post-mortem: its incident's readers when private; a private review's people otherwise. */
    private record Access(boolean restricted, Set<String> readers) {}

    private Access access(Postmortem p) {
        if (p.incidentId() != null) {
            IncidentView i = incidents.get(p.incidentId());
            return new Access(i.privateIncident(), readers(i));
        }
        PostmortemContent c = p.content();
        Set<String> readers = new HashSet<>(c.participants());
        readers.add(c.facilitator());
        readers.add(c.owner());
        readers.add(p.createdBy());
        readers.remove(null);
        return new Access(p.privateReview(), readers);
    }

    private SearchDocument postmortem(Postmortem p) {
        PostmortemContent c = p.content();
        StringBuilder body = new StringBuilder();
        c.textFields().values().forEach(t -> append(body, t));
        c.factors().forEach(f -> append(body, f.category().name().toLowerCase(java.util.Locale.ROOT)));
        for (TimelineItem t : postmortemTimeline.timeline(p.id())) {
            append(body, t.body());
        }
        Access access = access(p);
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

    private SearchDocument countermeasure(CountermeasureView c) {
        Postmortem p = postmortems.get(c.postmortemId());
        Access access = access(p);
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

    private SearchDocument experiment(ExperimentView e) {
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

    private SearchDocument runbook(AlertDefinition d) {
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
            catalog.findService(s)
                    .flatMap(svc -> catalog.findTeam(svc.ownerTeamId()))
                    .map(Team::name)
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
