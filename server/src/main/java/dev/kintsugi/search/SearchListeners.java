package dev.kintsugi.search;

import dev.kintsugi.alerting.AlertDefinitionChanged;
import dev.kintsugi.catalog.ServiceUpdated;
import dev.kintsugi.catalog.TeamUpdated;
import dev.kintsugi.chaos.ChaosExperimentCreated;
import dev.kintsugi.chaos.ChaosExperimentUpdated;
import dev.kintsugi.incident.IncidentEvent;
import dev.kintsugi.incident.TimelineEntryAdded;
import dev.kintsugi.postmortem.CountermeasureCreated;
import dev.kintsugi.postmortem.CountermeasureStatusChanged;
import dev.kintsugi.postmortem.CountermeasureUpdated;
import dev.kintsugi.postmortem.CountermeasureVerified;
import dev.kintsugi.postmortem.PostmortemDrafted;
import dev.kintsugi.postmortem.PostmortemPublished;
import dev.kintsugi.postmortem.PostmortemRefs;
import dev.kintsugi.postmortem.PostmortemRevised;
import dev.kintsugi.postmortem.PostmortemSentBackToDraft;
import dev.kintsugi.postmortem.PostmortemSubmittedForReview;
import dev.kintsugi.postmortem.PostmortemTimelineChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The other modules' events, turned into the keys of the documents they change ({@code incident:12}); the
 * document itself is read again from its module when it is indexed, so an event only has to say what changed.
 */
@Component
class SearchListeners {
    private final SearchChanges changes;

    SearchListeners(SearchChanges changes) {
        this.changes = changes;
    }

    @ApplicationModuleListener
    void on(IncidentEvent e) {
        changes.changed(DocumentType.INCIDENT.key(e.incidentId()));
    }

    @ApplicationModuleListener
    void on(TimelineEntryAdded e) {
        changes.changed(DocumentType.INCIDENT.key(e.incidentId()));
    }

    @ApplicationModuleListener
    void on(PostmortemDrafted e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(PostmortemRevised e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(PostmortemSubmittedForReview e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(PostmortemSentBackToDraft e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(PostmortemPublished e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(PostmortemTimelineChanged e) {
        postmortem(e.refs());
    }

    @ApplicationModuleListener
    void on(CountermeasureCreated e) {
        changes.changed(DocumentType.COUNTERMEASURE.key(e.countermeasureId()));
    }

    @ApplicationModuleListener
    void on(CountermeasureUpdated e) {
        changes.changed(DocumentType.COUNTERMEASURE.key(e.countermeasureId()));
    }

    @ApplicationModuleListener
    void on(CountermeasureStatusChanged e) {
        changes.changed(DocumentType.COUNTERMEASURE.key(e.countermeasureId()));
    }

    @ApplicationModuleListener
    void on(CountermeasureVerified e) {
        changes.changed(DocumentType.COUNTERMEASURE.key(e.countermeasureId()));
    }

    @ApplicationModuleListener
    void on(ChaosExperimentCreated e) {
        changes.changed(DocumentType.EXPERIMENT.key(e.experimentId()));
    }

    @ApplicationModuleListener
    void on(ChaosExperimentUpdated e) {
        changes.changed(DocumentType.EXPERIMENT.key(e.experimentId()));
    }

    @ApplicationModuleListener
    void on(AlertDefinitionChanged e) {
        changes.changed(DocumentType.RUNBOOK.key(e.definitionId()));
    }

    /** A renamed service (or one that changed teams): every document carrying it is read again. */
    @ApplicationModuleListener
    void on(ServiceUpdated e) {
        if (e.changed().contains("name") || e.changed().contains("ownerTeam")) {
            changes.changed(SearchIndexing.SERVICE_PREFIX + e.name());
        }
    }

    /** A renamed team: every document carrying it (through its services, as owner, as a runbook's team). */
    @ApplicationModuleListener
    void on(TeamUpdated e) {
        if (e.changed().contains("name")) {
            changes.changed(SearchIndexing.TEAM_PREFIX + e.name());
        }
    }

    private void postmortem(PostmortemRefs refs) {
        changes.changed(DocumentType.POSTMORTEM.key(refs.postmortemId()));
    }
}
