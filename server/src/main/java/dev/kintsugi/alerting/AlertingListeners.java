package dev.kintsugi.alerting;

import dev.kintsugi.incident.IncidentMilestoneChanged;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.platform.Actor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** What alerting hears from other modules: an incident acknowledged acknowledges its alert groups (MTTA). */
@Component
class AlertingListeners {
    private final AlertGroups groups;

    AlertingListeners(AlertGroups groups) {
        this.groups = groups;
    }

    @ApplicationModuleListener
    void on(IncidentMilestoneChanged e) {
        if (e.milestone() == Milestone.ACKNOWLEDGED && e.after() != null) {
            Actor.runAsSystem(
                    "incident " + e.key() + " acknowledged", () -> groups.incidentAcknowledged(e.key(), e.after()));
        }
    }
}
