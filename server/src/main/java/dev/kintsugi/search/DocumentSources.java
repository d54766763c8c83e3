package dev.kintsugi.search;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.postmortem.CountermeasureFilter;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.LibraryEntry;
import dev.kintsugi.postmortem.LibraryQuery;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemLibrary;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.PostmortemTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Incidents and post-mortems read once per batch of documents: a post-mortem's document, each of its
     * countermeasures' and its incident's all need them (and their privacy).
     */
    private final ThreadLocal<Map<String, Object>> batchCache = new ThreadLocal<>();

    /** Runs {@code work} with reads cached (one batch of documents: nothing stays cached after it). */
    void inBatch(Runnable work) {
        batchCache.set(new HashMap<>());
        try {
            work.run();
        } finally {
            batchCache.remove();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, java.util.function.Supplier<T> read) {
        Map<String, Object> cache = batchCache.get();
        if (cache == null) {
            return read.get();
        }
        Object v = cache.get(key);
        if (v == null) {
            v = read.get();
            cache.put(key, v);
        }
        return (T) v;
    }

    private IncidentView incidentView(long id) {
        return cached("i" + id, () -> incidents.get(id));
    }

    private Postmortem postmortemOf(long id) {
        return cached("p" + id, () -> postmortems.get(id));
    }

    /** The document builder of this batch (its service-to-team lookups cached with it). */
    private SearchDocuments builder() {
        return cached("documents", () -> new SearchDocuments(catalog));
    }

    Optional<SearchDocument> document(DocumentType type, long id) {
        SearchDocuments docs = builder();
        try {
            return Optional.ofNullable(
                    switch (type) {
                        case INCIDENT -> {
                            IncidentView i = incidentView(id);
                            yield docs.incident(i, incidents.timeline(i.key()));
                        }
                        case POSTMORTEM -> {
                            Postmortem p = postmortemOf(id);
                            yield docs.postmortem(p, access(p), postmortemTimeline.timeline(p.id()));
                        }
                        case COUNTERMEASURE -> {
                            CountermeasureView c = countermeasures.get(id);
                            Postmortem p = postmortemOf(c.postmortemId());
                            yield docs.countermeasure(c, p, access(p));
                        }
                        case EXPERIMENT -> docs.experiment(experiments.get(id));
                        case RUNBOOK -> alerts.find(id).map(docs::runbook).orElse(null);
                    });
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Who may read it; its incident read through the batch cache (missing: {@link NotFoundException}). */
    private SearchDocuments.Access access(Postmortem p) {
        return SearchDocuments.access(p, p.incidentId() == null ? null : incidentView(p.incidentId()));
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

    /**
     * The documents that carry this service (by its current name): its incidents and post-mortems (their
     * countermeasures follow as dependents) and the experiments, few, all read again.
     */
    List<String> carryingService(String service) {
        List<String> keys = new ArrayList<>();
        incidentsOf(new IncidentQuery(Set.of(), Set.of(), service, null, null, 0, PAGE), keys);
        postmortemsOf(service, null, keys);
        experiments.list(null).forEach(e -> keys.add(DocumentType.EXPERIMENT.key(e.id())));
        return keys;
    }

    /** The documents that carry this team (by its current name): through its services, and its runbooks. */
    List<String> carryingTeam(String team) {
        List<String> keys = new ArrayList<>();
        incidentsOf(new IncidentQuery(Set.of(), Set.of(), null, team, null, 0, PAGE), keys);
        postmortemsOf(null, team, keys);
        CountermeasureFilter owned = new CountermeasureFilter(team, null, null, null, null, null);
        for (int page = 0; ; page++) {
            PageResult<CountermeasureView> p = countermeasures.list(owned, page, PAGE);
            p.items().forEach(c -> keys.add(DocumentType.COUNTERMEASURE.key(c.id())));
            if (!p.hasNext()) {
                break;
            }
        }
        catalog.findTeam(team)
                .ifPresent(t -> alerts.list().stream()
                        .filter(d -> d.ownerTeamId() == t.id())
                        .forEach(d -> keys.add(DocumentType.RUNBOOK.key(d.id()))));
        return keys;
    }

    private static final int PAGE = 200;

    private void incidentsOf(IncidentQuery first, List<String> keys) {
        for (int page = 0; ; page++) {
            PageResult<IncidentSummary> p = incidents.search(new IncidentQuery(
                    first.statuses(), first.severities(), first.service(), first.team(), null, page, PAGE));
            p.items().forEach(i -> keys.add(DocumentType.INCIDENT.key(i.id())));
            if (!p.hasNext()) {
                return;
            }
        }
    }

    private void postmortemsOf(String service, String team, List<String> keys) {
        for (PostmortemStatus status : PostmortemStatus.values()) {
            LibraryQuery q = new LibraryQuery(service, team, null, null, null, null, status, null);
            for (int page = 0; ; page++) {
                PageResult<LibraryEntry> p = library.search(q, page, PAGE);
                p.items().forEach(e -> keys.add(DocumentType.POSTMORTEM.key(e.id())));
                if (!p.hasNext()) {
                    break;
                }
            }
        }
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
}
