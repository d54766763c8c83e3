package dev.kintsugi.alerting;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.OpenIncident;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.incident.TimelineMessage.Arg;
import dev.kintsugi.incident.TimelineMessage.ArgType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Routing's incident side: opens an incident for a new alert group (severity from the mapping, services from the
 * integration or the labels), or attaches it to the open incident of one of its services, and writes the alert's
 * moments on that incident's timeline as {@code ALERT} entries (codes of the alerting bundle).
 */
@Component
class IncidentRouting {
    private final IncidentManagement incidents;
    private final IncidentContributions contributions;
    private final CatalogManagement catalog;
    private final java.time.Clock clock;

    IncidentRouting(
            IncidentManagement incidents,
            IncidentContributions contributions,
            CatalogManagement catalog,
            java.time.Clock clock) {
        this.incidents = incidents;
        this.contributions = contributions;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The incident the group now belongs to (opened or joined); null when routing says notify only. */
    String route(AlertGroupView g, RoutingAction action, String integrationName) {
        return route(g, action, integrationName, null);
    }

    /**
     * As {@link #route(AlertGroupView, RoutingAction, String)}; with an {@code expected}ation, the timeline entry says
     * the alert is expected from it: a chaos run by its number, another kind as its kind and reference.
     */
    String route(AlertGroupView g, RoutingAction action, String integrationName, Expectation expected) {
        if (action == RoutingAction.NOTIFY_ONLY) {
            return null;
        }
        String key = null;
        if (action == RoutingAction.ATTACH && !g.serviceIds().isEmpty()) {
            List<OpenIncident> open = contributions.openOn(g.serviceIds());
            key = open.isEmpty() ? null : open.getFirst().key();
        }
        if (key == null) {
            List<String> names = catalog.servicesById(g.serviceIds()).stream()
                    .map(CatalogService::name)
                    .toList();
            String title = g.title().length() > IncidentManagement.MAX_TITLE
                    ? g.title().substring(0, IncidentManagement.MAX_TITLE - 1) + "…"
                    : g.title();
            // an alert replayed from the spool keeps its time; one stamped ahead of this clock reads as now
            Instant detected = g.firstAt().isAfter(clock.instant()) ? null : g.firstAt();
            key = incidents
                    .declare(new DeclareIncident(
                            title, null, g.severity(), names, detected, detected, false, null, null))
                    .key();
        }
        if (expected != null && Expectation.CHAOS_RUN.equals(expected.kind())) {
            record(
                    key,
                    "alerting.timeline.triggered-expected",
                    null,
                    g.title(),
                    integrationName,
                    "/alerts/" + g.id(),
                    Long.toString(expected.reference()));
        } else if (expected != null) {
            record(
                    key,
                    "alerting.timeline.triggered-expected-other",
                    null,
                    g.title(),
                    integrationName,
                    "/alerts/" + g.id(),
                    ExpectedAlerts.describe(expected));
        } else {
            record(key, "alerting.timeline.triggered", null, g.title(), integrationName, "/alerts/" + g.id());
        }
        return key;
    }

    void record(String incidentKey, String code, Instant at, String... texts) {
        List<Arg> args = new ArrayList<>();
        for (String t : texts) {
            args.add(new Arg(ArgType.TEXT, t == null ? "" : t));
        }
        contributions.record(incidentKey, TimelineEntryKind.ALERT, new TimelineMessage(code, args), at);
    }

    /** Acknowledges the incident as the current person (MTTA): the commander when it has none yet. */
    void acknowledge(String incidentKey) {
        incidents.acknowledge(incidentKey);
    }
}
