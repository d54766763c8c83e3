package dev.kintsugi.insights;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the incident, post-mortem and countermeasure part of the read model from the modules' facades' bulk
 * reads ({@link IncidentManagement#readAll}, {@link PostmortemManagement#readAll}: keyset pages, a constant number of
 * queries each), a page at a time (each page in its own transaction), and the chaos runs' scores
 * ({@link ChaosRuns#scoredRuns}). Runs as the system. Alert groups are kept from events only (the
 * alerting module has no read of its groups' trigger counts), so a rebuild leaves them as they are.
 */
@Component
class InsightsRebuild {
    static final int BATCH = 500;
    private final ModelWrites store;
    private final InsightsModel model;
    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;
    private final CatalogManagement catalog;
    private final ChaosRuns chaosRuns;
    private final ChaosScoreStore chaosScores;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    InsightsRebuild(
            ModelWrites store,
            InsightsModel model,
            IncidentManagement incidents,
            PostmortemManagement postmortems,
            CatalogManagement catalog,
            ChaosRuns chaosRuns,
            ChaosScoreStore chaosScores,
            AuditLog audit,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.store = store;
        this.model = model;
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.catalog = catalog;
        this.chaosRuns = chaosRuns;
        this.chaosScores = chaosScores;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What a rebuild went through. */
    record Counts(long incidents, long postmortems, long countermeasures, long chaosRuns) {}

    /** Call as the system. */
    Counts rebuild() {
        tx.executeWithoutResult(s -> store.clearIncidentModel());
        long nIncidents = 0;
        // keyset pages through the incident facade's bulk read: a constant number of queries per page
        for (long after = 0; ; ) {
            List<IncidentView> page = incidents.readAll(after, BATCH);
            if (page.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> store.replaceIncidents(page.stream()
                    .map(v -> new ModelWrites.Versioned(IncidentRow.of(v), v.version()))
                    .toList()));
            nIncidents += page.size();
            after = page.getLast().id();
        }
        long nPostmortems = 0;
        long nCountermeasures = 0;
        Map<String, Optional<Long>> serviceIds = new HashMap<>();
        for (long after = 0; ; ) {
            List<PostmortemRecord> page = postmortems.readAll(after, BATCH);
            if (page.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> page.forEach(r -> {
                postmortem(r.postmortem(), serviceIds);
                r.countermeasures().forEach(model::saveCountermeasure);
            }));
            nPostmortems += page.size();
            nCountermeasures +=
                    page.stream().mapToLong(r -> r.countermeasures().size()).sum();
            after = page.getLast().postmortem().id();
        }
        Counts counts = new Counts(nIncidents, nPostmortems, nCountermeasures, rebuildChaosScores());
        tx.executeWithoutResult(s -> audit.record(
                "insights.rebuilt", "insights", "read-model", "rebuilt the insights read model", null, counts));
        return counts;
    }

    /** The chaos runs' scores again, from the chaos facade's keyset pages; how many runs. Call as the system. */
    long rebuildChaosScores() {
        tx.executeWithoutResult(s -> chaosScores.clear());
        long n = 0;
        for (long after = 0; ; ) {
            List<ChaosRuns.ScoredRun> page = chaosRuns.scoredRuns(after, BATCH);
            if (page.isEmpty()) {
                return n;
            }
            tx.executeWithoutResult(s -> page.forEach(r -> chaosScores.save(r.score(), r.endedAt(), r.serviceIds())));
            n += page.size();
            after = page.getLast().runId();
        }
    }

    private void postmortem(Postmortem p, Map<String, Optional<Long>> serviceIds) {
        List<Long> services = p.content().services().stream()
                .map(name -> serviceIds.computeIfAbsent(
                        name, n -> catalog.findService(n).map(CatalogService::id)))
                .flatMap(Optional::stream)
                .filter(Objects::nonNull)
                .toList();
        store.savePostmortem(p.id(), p.incidentId(), p.createdAt(), p.publishedAt(), services);
    }
}
