package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.alerting.persistence.IntegrationRepository;
import dev.kintsugi.alerting.persistence.OccurrenceRepository.NewOccurrence;
import dev.kintsugi.alerting.persistence.ProcessedEventRepository;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one accepted event (from the spool, as the system) to the alert groups, exactly once: the event's id is
 * recorded in the same transaction as its effects, so a replay changes nothing. A trigger opens a group
 * ({@link GroupOpening}) or repeats an open one; acknowledge and resolve events move it on; notes are kept as
 * occurrences.
 */
@Service
@Transactional
public class AlertIntake {
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

    private final AlertGroupRepository groups;
    private final ProcessedEventRepository processed;
    private final IntegrationRepository integrations;
    private final GroupWriter writer;
    private final GroupOpening opening;
    private final IncidentRouting routing;
    private final Clock clock;

    AlertIntake(
            AlertGroupRepository groups,
            ProcessedEventRepository processed,
            IntegrationRepository integrations,
            GroupWriter writer,
            GroupOpening opening,
            IncidentRouting routing,
            Clock clock) {
        this.groups = groups;
        this.processed = processed;
        this.integrations = integrations;
        this.writer = writer;
        this.opening = opening;
        this.routing = routing;
        this.clock = clock;
    }

    /** Applies the event unless it was applied before; returns false for a replay. */
    public boolean apply(AlertEvent e) {
        if (!processed.markProcessed(e.id(), clock.instant())) {
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
                processed.markProcessed(batch.stream().map(AlertEvent::id).toList(), clock.instant());
        Map<Long, Optional<Integration>> known = new java.util.HashMap<>();
        Map<String, AlertGroup> repeated = new LinkedHashMap<>();
        // the open groups the batch's triggers name, read in one query per integration; good until the first
        // event that is not a repeat (after it, groups are read one at a time again, as it may have changed them)
        Map<String, AlertGroup> prefetched = openGroups(batch, fresh);
        List<NewOccurrence> pending = new java.util.ArrayList<>();
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
                    open = prefetched.containsKey(key)
                            ? prefetched.remove(key)
                            : groups.findOpen(integration.get().id(), e.dedupKey())
                                    .orElse(null);
                }
                if (open != null) {
                    open.repeat(e.receivedAt());
                    repeated.put(key, open);
                    pending.addAll(GroupWriter.occurrencesOf(open.id(), e));
                    continue;
                }
            }
            flush(repeated, pending);
            prefetched.clear();
            applyFresh(e, integration.get());
        }
        flush(repeated, pending);
        return applied;
    }

    /** The open groups of the batch's fresh triggers, keyed {@code integration|dedupKey}. */
    private Map<String, AlertGroup> openGroups(List<AlertEvent> batch, Set<String> fresh) {
        Map<Long, Set<String>> keys = new java.util.HashMap<>();
        for (AlertEvent e : batch) {
            if (e.action() == AlertEvent.Action.TRIGGER && fresh.contains(e.id())) {
                keys.computeIfAbsent(e.integrationId(), k -> new java.util.HashSet<>())
                        .add(e.dedupKey());
            }
        }
        Map<String, AlertGroup> open = new java.util.HashMap<>();
        keys.forEach((integration, dedupKeys) -> groups.findOpen(integration, dedupKeys)
                .forEach((dedupKey, g) -> open.put(integration + "|" + dedupKey, g)));
        return open;
    }

    private void flush(Map<String, AlertGroup> repeated, List<NewOccurrence> pending) {
        writer.addOccurrences(pending);
        pending.clear();
        writer.saveAll(repeated.values());
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
        return processed.forgetProcessedBefore(clock.instant().minus(java.time.Duration.ofDays(7)));
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
        opening.open(e, integration);
    }

    private void occurrences(long groupId, AlertEvent e) {
        writer.occurrences(groupId, e);
    }

    /** Saves the group (409 when a person changed it meanwhile: the processor retries) and announces it. */
    void save(AlertGroup g) {
        writer.save(g);
    }

    private static String by(AlertEvent e, Integration integration) {
        String who = e.user() == null || e.user().isBlank() ? integration.name() : e.user();
        return who.length() > 64 ? who.substring(0, 64) : who;
    }
}
