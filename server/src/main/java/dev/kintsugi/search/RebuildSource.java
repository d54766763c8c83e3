package dev.kintsugi.search;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Every document of the index, for a rebuild: incidents and post-mortems (with their timelines and
 * countermeasures) a page at a time through the modules' bulk reads, keyset-paged by id (a page costs a constant
 * number of queries, not one per document), then the experiments and runbooks, few. Called as the system; the
 * documents carry who may read them.
 */
@Component
class RebuildSource {
    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;
    private final ChaosExperiments experiments;
    private final AlertCatalog alerts;
    private final CatalogManagement catalog;

    RebuildSource(
            IncidentManagement incidents,
            PostmortemManagement postmortems,
            ChaosExperiments experiments,
            AlertCatalog alerts,
            CatalogManagement catalog) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.experiments = experiments;
        this.alerts = alerts;
        this.catalog = catalog;
    }

    /** Hands every document to {@code out}, {@code page} incidents or post-mortems (1 to 1000) at a time. */
    void everyDocument(int page, Consumer<List<SearchDocument>> out) {
        SearchDocuments docs = new SearchDocuments(catalog);
        for (long after = 0; ; ) {
            List<IncidentView> list = incidents.readAll(after, page);
            if (list.isEmpty()) {
                break;
            }
            Map<Long, List<TimelineEntry>> timelines =
                    incidents.timelines(list.stream().map(IncidentView::id).toList());
            out.accept(list.stream()
                    .map(i -> docs.incident(i, timelines.getOrDefault(i.id(), List.of())))
                    .toList());
            after = list.getLast().id();
        }
        for (long after = 0; ; ) {
            List<PostmortemRecord> list = postmortems.readAll(after, page);
            if (list.isEmpty()) {
                break;
            }
            List<SearchDocument> batch = new ArrayList<>();
            for (PostmortemRecord r : list) {
                if (r.postmortem().incidentId() != null && r.incident() == null) {
                    continue; // its incident is gone: as when read alone, no document
                }
                SearchDocuments.Access access = SearchDocuments.access(r.postmortem(), r.incident());
                batch.add(docs.postmortem(r.postmortem(), access, r.timeline()));
                for (CountermeasureView c : r.countermeasures()) {
                    batch.add(docs.countermeasure(c, r.postmortem(), access));
                }
            }
            out.accept(batch);
            after = list.getLast().postmortem().id();
        }
        out.accept(experiments.list(null).stream().map(docs::experiment).toList());
        out.accept(alerts.list().stream().map(docs::runbook).toList());
    }
}
