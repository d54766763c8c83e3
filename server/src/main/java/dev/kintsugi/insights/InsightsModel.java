package dev.kintsugi.insights;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import java.time.Instant;
import java.util.Collection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the read model, the same way for an event and for a rebuild: an incident or a countermeasure is read
 * again from its module's facade (as the system, which sees private incidents too), so the model holds what the
 * module holds now whatever order the events arrive in; post-mortems and alert groups are taken from the events.
 */
@Component
class InsightsModel {
    private final ModelWrites store;
    private final AlertStore alerts;
    private final MonkeyStore monkey;
    private final ChaosScoreStore chaosScores;
    private final IncidentManagement incidents;
    private final Countermeasures countermeasures;
    private final CatalogManagement catalog;
    private final TransactionTemplate separate;

    InsightsModel(
            ModelWrites store,
            AlertStore alerts,
            MonkeyStore monkey,
            ChaosScoreStore chaosScores,
            IncidentManagement incidents,
            Countermeasures countermeasures,
            CatalogManagement catalog,
            PlatformTransactionManager transactions) {
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.alerts = alerts;
        this.monkey = monkey;
        this.chaosScores = chaosScores;
        this.incidents = incidents;
        this.countermeasures = countermeasures;
        this.catalog = catalog;
    }

    /**
     * Reads the incident again and replaces its row, in a transaction of its own; tried once more when a
     * concurrent refresh of the same incident inserted it first (its listeners run in parallel).
     */
    public void refreshIncident(long incidentId) {
        retried(() -> saveIncident(incidentId));
    }

    private void saveIncident(long incidentId) {
        Actor.runAsSystem("insights: read model", () -> {
            try {
                var view = incidents.get(incidentId);
                store.saveIncident(IncidentRow.of(view), view.version());
            } catch (NotFoundException e) {
                store.deleteIncident(incidentId);
            }
        });
    }

    /** An alert group's trigger, in a transaction of its own, tried once more when a parallel one inserted it. */
    public void alertTriggered(dev.kintsugi.alerting.AlertGroupTriggered e) {
        retried(() ->
                alerts.alertTriggered(e.groupId(), e.title(), e.definitionId(), e.at(), e.teamIds(), e.serviceIds()));
    }

    /** A Chaos Monkey termination (carried out or leashed), once however often its event is delivered. */
    public void monkeyTerminated(dev.kintsugi.chaos.MonkeyTerminated e) {
        retried(() -> monkey.saveTermination(
                e.terminationId(), e.serviceId(), e.termination().name(), e.leashed(), e.occurredAt(), e.teamIds()));
    }

    /** A chaos run's score (an ended, non-dry run with probes), once however often its event is delivered. */
    public void chaosRunScored(
            dev.kintsugi.chaos.RunScore score, Instant endedAt, java.util.Collection<Long> services) {
        retried(() -> chaosScores.save(score, endedAt, services));
    }

    public void alertAcknowledged(dev.kintsugi.alerting.AlertGroupAcknowledged e) {
        retried(() -> alerts.alertAcknowledged(e.groupId(), e.title(), e.at(), e.teamIds(), e.serviceIds()));
    }

    /**
     * In a transaction of its own, tried again while a parallel listener's transaction inserted the same row first
     * (the events of one incident arrive together: four or more listeners may replace its row at once).
     */
    private void retried(Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                separate.executeWithoutResult(s -> work.run());
                return;
            } catch (DataIntegrityViolationException e) {
                if (attempt >= 8) {
                    throw e;
                }
            }
        }
    }

    @Transactional
    public void refreshCountermeasure(long countermeasureId) {
        Actor.runAsSystem("insights: read model", () -> {
            try {
                saveCountermeasure(countermeasures.get(countermeasureId));
            } catch (NotFoundException e) {
                // gone with its post-mortem: nothing to count
            }
        });
    }

    void saveCountermeasure(CountermeasureView c) {
        Long team = c.ownerTeam() == null
                ? null
                : catalog.findTeam(c.ownerTeam()).map(Team::id).orElse(null);
        store.saveCountermeasure(
                c.id(), c.postmortemId(), team, c.status().name(), c.dueDate(), c.createdAt(), c.doneAt());
    }

    public void postmortem(
            long postmortemId, Long incidentId, Instant at, Instant publishedAt, Collection<Long> services) {
        retried(() -> store.savePostmortem(postmortemId, incidentId, at, publishedAt, services));
    }

    /** A post-mortem drafted: its services are kept only if no revision was heard first. */
    public void postmortemDrafted(long postmortemId, Long incidentId, Instant at, Collection<Long> services) {
        retried(() -> store.savePostmortem(postmortemId, incidentId, at, null, services, true));
    }
}
