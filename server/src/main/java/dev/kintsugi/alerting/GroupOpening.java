package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.AuditLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Opens a new alert group for a trigger no open group has: matched to a definition (its owner team, severity
 * mapping and routing), counted for flapping, checked against silences and maintenance windows and against what is
 * expected ({@link ExpectedAlerts}), decided once, routed to an incident, saved and audited.
 */
@Component
class GroupOpening {
    private final AlertGroupRepository groups;
    private final GroupWriter writer;
    private final AlertCatalog definitions;
    private final Silences silences;
    private final AlertNotifications notifications;
    private final IncidentRouting routing;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final AlertingProperties properties;
    private final ExpectedAlerts expected;

    GroupOpening(
            AlertGroupRepository groups,
            GroupWriter writer,
            AlertCatalog definitions,
            Silences silences,
            AlertNotifications notifications,
            IncidentRouting routing,
            CatalogManagement catalog,
            AuditLog audit,
            AlertingProperties properties,
            ExpectedAlerts expected) {
        this.groups = groups;
        this.writer = writer;
        this.definitions = definitions;
        this.silences = silences;
        this.notifications = notifications;
        this.routing = routing;
        this.catalog = catalog;
        this.audit = audit;
        this.properties = properties;
        this.expected = expected;
    }

    void open(AlertEvent e, Integration integration) {
        Instant at = e.receivedAt();
        Set<Long> services = services(e, integration);
        Map<String, String> labels = new LinkedHashMap<>(e.labels());
        Optional<AlertDefinition> definition = definitions.match(labels);
        Set<Long> teams = new LinkedHashSet<>(catalog.owningTeamIds(services));
        if (integration.teamId() != null) {
            teams.add(integration.teamId());
        }
        definition.ifPresent(d -> teams.add(d.ownerTeamId()));
        Severity severity = definition
                .map(d -> d.severityFor(e.sourceSeverity()))
                .orElseGet(() -> SeverityMapping.DEFAULT.apply(e.sourceSeverity()));
        List<Instant> changes = AlertGroup.changesWithin(
                groups.lastChanges(integration.id(), e.dedupKey()), at, properties.flappingWindow());
        boolean flapping = changes.size() >= properties.flappingChanges();
        String title = e.title() == null || e.title().isBlank() ? e.dedupKey() : e.title();
        AlertGroupView draft = new AlertGroupView(
                0,
                integration.id(),
                e.dedupKey(),
                GroupStatus.TRIGGERED,
                title.length() > 500 ? title.substring(0, 499) + "…" : title,
                e.sourceSeverity(),
                severity,
                services,
                teams,
                definition.map(AlertDefinition::id).orElse(null),
                labels,
                e.links(),
                at,
                at,
                1,
                flapping,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
        long id = groups.insert(draft, changes);
        AlertGroup g = groups.find(id).orElseThrow();
        Optional<String> suppressed = silences.suppression(labels, services, at);
        RoutingAction action = definition.map(AlertDefinition::routing).orElse(null);
        if (action == null) {
            action = integration.routing();
        }
        if (e.action() == AlertEvent.Action.CHANGE) {
            action = RoutingAction.NOTIFY_ONLY;
        }
        Decision decision = notifications.decide(action, flapping, suppressed);
        Optional<Expectation> run = expected.expecting(g.view());
        AlertingProperties.ChaosAlerts chaosMode = expected.mode();
        if (run.isPresent()) {
            g.expectedFrom(run.get());
            if (chaosMode == AlertingProperties.ChaosAlerts.SUPPRESS && decision != Decision.SUPPRESSED) {
                decision = Decision.SUPPRESSED;
                suppressed = Optional.of(ExpectedAlerts.describe(run.get()));
            } else if (chaosMode == AlertingProperties.ChaosAlerts.NOTIFY_OWNER && decision == Decision.PAGE) {
                decision = Decision.NOTIFY_ONLY;
            }
        }
        g.opened(flapping, suppressed.orElse(null), decision);
        if (decision != Decision.SUPPRESSED) {
            String key = routing.route(g.view(), action, integration.name(), run.orElse(null));
            if (key != null) {
                g.attachedTo(key);
            }
        }
        notifications.requested(g, at);
        if (run.isPresent()
                && chaosMode == AlertingProperties.ChaosAlerts.NOTIFY_OWNER
                && decision != Decision.SUPPRESSED) {
            g.notifyRunStarter(at);
        }
        writer.occurrences(id, e);
        if (e.action() == AlertEvent.Action.CHANGE) {
            g.resolve(null, at); // a change event informs; nothing stays open
        }
        writer.save(g);
        audit.record(
                "alerting.group-triggered",
                "alert-group",
                Long.toString(id),
                "Alert " + g.view().title() + " (" + decision + ")",
                null,
                Map.of("integration", integration.id(), "dedupKey", e.dedupKey(), "decision", decision.name()));
    }

    private Set<Long> services(AlertEvent e, Integration integration) {
        Set<Long> ids = new LinkedHashSet<>();
        String named = e.service() != null ? e.service() : e.labels().get("service");
        if (named != null && !named.isBlank()) {
            catalog.findService(named.trim().toLowerCase(java.util.Locale.ROOT))
                    .map(CatalogService::id)
                    .ifPresent(ids::add);
        }
        if (ids.isEmpty() && integration.serviceId() != null) {
            ids.add(integration.serviceId());
        }
        return ids;
    }
}
