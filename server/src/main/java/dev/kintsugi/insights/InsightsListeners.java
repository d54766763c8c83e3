package dev.kintsugi.insights;

import dev.kintsugi.alerting.AlertGroupAcknowledged;
import dev.kintsugi.alerting.AlertGroupTriggered;
import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.MonkeyTerminated;
import dev.kintsugi.incident.IncidentClosed;
import dev.kintsugi.incident.IncidentDeclared;
import dev.kintsugi.incident.IncidentEvent;
import dev.kintsugi.incident.IncidentMilestoneChanged;
import dev.kintsugi.incident.IncidentReopened;
import dev.kintsugi.incident.IncidentResolved;
import dev.kintsugi.incident.IncidentSeverityChanged;
import dev.kintsugi.incident.IncidentStatusChanged;
import dev.kintsugi.incident.IncidentUpdated;
import dev.kintsugi.postmortem.CountermeasureCreated;
import dev.kintsugi.postmortem.CountermeasureStatusChanged;
import dev.kintsugi.postmortem.CountermeasureUpdated;
import dev.kintsugi.postmortem.CountermeasureVerified;
import dev.kintsugi.postmortem.PostmortemDrafted;
import dev.kintsugi.postmortem.PostmortemPublished;
import dev.kintsugi.postmortem.PostmortemRevised;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** The other modules' events, kept in the read model (each listener runs after its event's commit). */
@Component
class InsightsListeners {
    private final InsightsModel model;

    InsightsListeners(InsightsModel model) {
        this.model = model;
    }

    /** The events that change what the metrics read: declaration, milestones, severity, services, privacy. */
    @ApplicationModuleListener
    void on(IncidentEvent e) {
        if (e instanceof IncidentDeclared
                || e instanceof IncidentMilestoneChanged
                || e instanceof IncidentSeverityChanged
                || e instanceof IncidentUpdated
                || e instanceof IncidentStatusChanged
                || e instanceof IncidentResolved
                || e instanceof IncidentReopened
                || e instanceof IncidentClosed) {
            model.refreshIncident(e.incidentId());
        }
    }

    /**
     * A draft: the post-mortem exists (first drafted then). Its services are written only with a new row: the events
     * of one post-mortem are heard in parallel, and a revision heard first holds newer ones.
     */
    @ApplicationModuleListener
    void on(PostmortemDrafted e) {
        model.postmortemDrafted(
                e.refs().postmortemId(), e.refs().incidentId(), e.at(), e.refs().serviceIds());
    }

    /** A revision: the post-mortem names these services now. */
    @ApplicationModuleListener
    void on(PostmortemRevised e) {
        model.postmortem(
                e.refs().postmortemId(),
                e.refs().incidentId(),
                e.at(),
                null,
                e.refs().serviceIds());
    }

    @ApplicationModuleListener
    void on(PostmortemPublished e) {
        model.postmortem(
                e.refs().postmortemId(),
                e.refs().incidentId(),
                e.publishedAt(),
                e.publishedAt(),
                e.refs().serviceIds());
    }

    @ApplicationModuleListener
    void on(CountermeasureCreated e) {
        model.refreshCountermeasure(e.countermeasureId());
    }

    @ApplicationModuleListener
    void on(CountermeasureUpdated e) {
        model.refreshCountermeasure(e.countermeasureId());
    }

    @ApplicationModuleListener
    void on(CountermeasureStatusChanged e) {
        model.refreshCountermeasure(e.countermeasureId());
    }

    @ApplicationModuleListener
    void on(CountermeasureVerified e) {
        model.refreshCountermeasure(e.countermeasureId());
    }

    @ApplicationModuleListener
    void on(AlertGroupTriggered e) {
        model.alertTriggered(e);
    }

    @ApplicationModuleListener
    void on(AlertGroupAcknowledged e) {
        model.alertAcknowledged(e);
    }

    @ApplicationModuleListener
    void on(MonkeyTerminated e) {
        model.monkeyTerminated(e);
    }

    /** A scored run counts in its services' resilience scores (dry runs and runs without probes have no score). */
    @ApplicationModuleListener
    void on(ChaosRunFinished e) {
        if (e.score() != null && !e.dry()) {
            model.chaosRunScored(e.score(), e.at(), e.serviceIds());
        }
    }
}
