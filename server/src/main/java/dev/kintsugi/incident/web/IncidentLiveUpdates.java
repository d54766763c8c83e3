package dev.kintsugi.incident.web;

import dev.kintsugi.incident.IncidentMilestoneChanged;
import dev.kintsugi.incident.IncidentRoleAssigned;
import dev.kintsugi.incident.IncidentSeverityChanged;
import dev.kintsugi.incident.IncidentStatusChanged;
import dev.kintsugi.incident.TimelineEntryAdded;
import dev.kintsugi.platform.LiveUpdates;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Live incident pages: maps the incident's events to the platform's live updates on topic {@code incident:<id>}.
 * A new timeline entry sends {@code timeline} (the entry's id); a change of status, severity, role or milestone
 * sends {@code changed}. Listened to synchronously, so {@link LiveUpdates#publish} sees the facade's transaction
 * and delivers only once it commits; the page then re-fetches its parts, rendered for each viewer.
 */
@Component
class IncidentLiveUpdates {
    static final String TIMELINE = "timeline";
    static final String CHANGED = "changed";

    private final LiveUpdates live;

    IncidentLiveUpdates(LiveUpdates live) {
        this.live = live;
    }

    static String topic(long incidentId) {
        return "incident:" + incidentId;
    }

    @EventListener
    void on(TimelineEntryAdded event) {
        live.publish(topic(event.incidentId()), TIMELINE, String.valueOf(event.entryId()));
    }

    @EventListener
    void on(IncidentStatusChanged event) {
        changed(event.incidentId());
    }

    @EventListener
    void on(IncidentSeverityChanged event) {
        changed(event.incidentId());
    }

    @EventListener
    void on(IncidentRoleAssigned event) {
        changed(event.incidentId());
    }

    @EventListener
    void on(IncidentMilestoneChanged event) {
        changed(event.incidentId());
    }

    private void changed(long incidentId) {
        live.publish(topic(incidentId), CHANGED, String.valueOf(incidentId));
    }
}
