package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.alerting.persistence.IntegrationRepository;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one accepted event (from the spool, as the system) to the alert groups, exactly once: the event's id is
 * recorded in the same transaction as its effects, so a replay changes nothing. A trigger opens a group (matched to
 * a definition, checked against silences and maintenance windows, counted for flapping, decided once, routed to an
 * incident) or repeats an open one; acknowledge and resolve events move it on; notes are kept as occurrences.
 */
@Service
@Transactional
public class AlertIntake {
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
    static final String LIVE_TOPIC = "alerts:all";

    private final AlertGroupRepository groups;
    private final IntegrationRepository integrations;
    private final AlertCatalog definitions;
    private final Silences silences;
    private final AlertNotifications notifications;
    private final IncidentRouting routing;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;
    private final AlertingProperties properties;
    private final ExpectedAlerts expected;
    private final Clock clock;

    AlertIntake(
            AlertGroupRepository groups,
            IntegrationRepository integrations,
            AlertCatalog definitions,
            Silences silences,
            AlertNotifications notifications,
            IncidentRouting routing,
            CatalogManagement catalog,
            AuditLog audit,
            LiveUpdates live,
            ApplicationEventPublisher events,
            AlertingProperties properties,
            ExpectedAlerts expected,
            Clock clock) {
        this.groups = groups;
        this.integrations = integrations;
        this.definitions = definitions;
        this.silences = silences;
        this.notifications = notifications;
        this.routing = routing;
        this.catalog = catalog;
        this.audit = audit;
        this.live = live;
        this.events = events;
        this.properties = properties;
        this.expected = expected;
        this.clock = clock;
    }

    /** Applies the event unless it was applied before; returns false for a replay. */
    public boolean apply(AlertEvent e) {
        if (!groups.markProcessed(e.id(), clock.instant())) {
            return false;
        }
        integrations.find(e.integrationId()).ifPresentOrElse(i -> applyFresh(e, i), () -> dropped(e));
        return true;
    }

    /**
     * Applies a batch of events in order, in the caller's transaction, skipping those applied before; returns how
     * many were applied. The same as {@link #apply} on each in turn, with fewer statements: the applied ids are
     * checked and recorded in one query and one batched insert, and consecutive repeats of open groups are
     * deduplicated in memory (each group saved and announced once, their occurrences inserted in one batch) until an
     * event that is not such a repeat, before which they are written, so the order of effects is kept.
     */
    public int applyAll(List<AlertEvent> batch) {
        Set<String> fresh =
                groups.markProcessed(batch.stream().map(AlertEvent::id).toList(), clock.instant());
        Map<Long, Optional<Integration>> known = new java.util.HashMap<>();
        Map<String, AlertGroup> repeated = new LinkedHashMap<>();
        List<AlertGroupRepository.NewOccurrence> pending = new java.util.ArrayList<>();
        int applied = 0;
        for (AlertEvent e : batch) {
            if (!fresh.remove(e.id())) {
                continue; // applied before, or twice in this batch
            }
            applied++;
            Optional<Integration> integration = known.computeIfAbsent(e.integrationId(), integrations::find);
            if (integration.isEmpty()) {
                dropped(e);
                continue;
            }
            if (e.action() == AlertEvent.Action.TRIGGER) {
                String key = integration.get().id() + "|" + e.dedupKey();
                AlertGroup open = repeated.get(key);
                if (open == null) {
                    open = groups.findOpen(integration.get().id(), e.dedupKey()).orElse(null);
                }
                if (open != null) {
                    open.repeat(e.receivedAt());
                    repeated.put(key, open);
                    pending.addAll(occurrencesOf(open.id(), e));
                    continue;
                }
            }
            flush(repeated, pending);
            applyFresh(e, integration.get());
        }
        flush(repeated, pending);
        return applied;
    }

    private void flush(Map<String, AlertGroup> repeated, List<AlertGroupRepository.NewOccurrence> pending) {
        groups.addOccurrences(pending);
        pending.clear();
        repeated.values().forEach(this::save);
        repeated.clear();
    }

    private static void dropped(AlertEvent e) {
        log.warn("alert event {} names integration {}, which does not exist: dropped", e.id(), e.integrationId());
    }

    private void applyFresh(AlertEvent e, Integration integration) {
        switch (e.action()) {
            case TRIGGER, CHANGE -> trigger(e, integration);
            case ACKNOWLEDGE ->
                groups.findOpen(integration.id(), e.dedupKey()).ifPresent(g -> {
                    occurrences(g.id(), e);
                    if (g.acknowledge(by(e, integration), e.receivedAt())) {
                        if (g.incidentKey() != null) {
                            // acknowledged at the source acknowledges the incident too, as in Kintsugi (MTTA)
                            acknowledgeIncident(g);
                            routing.record(
                                    g.incidentKey(),
                                    "alerting.timeline.acknowledged-at-source",
                                    e.receivedAt(),
                                    g.view().title(),
                                    integration.name());
                        }
                        save(g);
                    }
                });
            case RESOLVE ->
                groups.findOpen(integration.id(), e.dedupKey()).ifPresent(g -> {
                    occurrences(g.id(), e);
                    resolve(g, null, e.receivedAt(), integration.name());
                });
            case NOTE -> groups.findOpen(integration.id(), e.dedupKey()).ifPresent(g -> occurrences(g.id(), e));
        }
    }

    private void acknowledgeIncident(AlertGroup g) {
        try {
            routing.acknowledge(g.incidentKey());
        } catch (NotFoundException | ConflictException e) {
            log.info(
                    "alert group {} acknowledged at its source; its incident {} was not: {}",
                    g.id(),
                    g.incidentKey(),
                    e.getMessage());
        }
    }

    /**
     * Forgets the ids of events applied more than a week ago (the spool replays at most what followed its last
     * committed position, minutes at most), so the table of applied ids does not grow for ever.
     */
    public int forgetOldEventIds() {
        return groups.forgetProcessedBefore(clock.instant().minus(java.time.Duration.ofDays(7)));
    }

    void resolve(AlertGroup g, String username, Instant at, String by) {
        if (g.resolve(username, at)) {
            if (g.incidentKey() != null) {
                routing.record(
                        g.incidentKey(),
                        "alerting.timeline.resolved",
                        at,
                        g.view().title(),
                        by);
            }
            save(g);
        }
    }

    private void trigger(AlertEvent e, Integration integration) {
        Optional<AlertGroup> open = groups.findOpen(integration.id(), e.dedupKey());
        if (open.isPresent()) {
            AlertGroup g = open.get();
            g.repeat(e.receivedAt());
            occurrences(g.id(), e);
            save(g);
            return;
        }
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
            g.expectedFrom(run.get().reference(), run.get().owner());
            if (chaosMode == AlertingProperties.ChaosAlerts.SUPPRESS && decision != Decision.SUPPRESSED) {
                decision = Decision.SUPPRESSED;
                suppressed = Optional.of("chaos run #" + run.get().reference());
            } else if (chaosMode == AlertingProperties.ChaosAlerts.NOTIFY_OWNER && decision == Decision.PAGE) {
                decision = Decision.NOTIFY_ONLY;
            }
        }
        g.opened(flapping, suppressed.orElse(null), decision);
        if (decision != Decision.SUPPRESSED) {
            String key = routing.route(
                    g.view(),
                    action,
                    integration.name(),
                    run.map(Expectation::reference).orElse(null));
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
        occurrences(id, e);
        if (e.action() == AlertEvent.Action.CHANGE) {
            g.resolve(null, at); // a change event informs; nothing stays open
        }
        save(g);
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

    private void occurrences(long groupId, AlertEvent e) {
        groups.addOccurrences(occurrencesOf(groupId, e));
    }

    private static List<AlertGroupRepository.NewOccurrence> occurrencesOf(long groupId, AlertEvent e) {
        if (e.items().isEmpty()) {
            return List.of(new AlertGroupRepository.NewOccurrence(
                    groupId, e.id(), e.receivedAt(), e.action(), null, e.title(), e.labels(), e.note()));
        }
        List<AlertGroupRepository.NewOccurrence> out =
                new java.util.ArrayList<>(e.items().size());
        for (AlertEvent.Item item : e.items()) {
            out.add(new AlertGroupRepository.NewOccurrence(
                    groupId,
                    e.id(),
                    e.receivedAt(),
                    item.firing() ? e.action() : AlertEvent.Action.RESOLVE,
                    item.fingerprint(),
                    item.summary(),
                    item.labels(),
                    e.note()));
        }
        return out;
    }

    /** Saves the group (409 when a person changed it meanwhile: the processor retries) and announces it. */
    void save(AlertGroup g) {
        if (groups.save(g) == 0) {
            throw new ConflictException(
                    "alerting.group.changed", "alert group " + g.id() + " changed meanwhile", Map.of(), g.id());
        }
        g.pendingEvents().forEach(events::publishEvent);
        g.pendingEvents().clear();
        live.publish(LIVE_TOPIC, "changed", Long.toString(g.id()));
        live.publish("alert:" + g.id(), "changed", Long.toString(g.id()));
    }

    private static String by(AlertEvent e, Integration integration) {
        String who = e.user() == null || e.user().isBlank() ? integration.name() : e.user();
        return who.length() > 64 ? who.substring(0, 64) : who;
    }
}
