package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.alerting.persistence.OccurrenceRepository;
import dev.kintsugi.alerting.persistence.OccurrenceRepository.NewOccurrence;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Writes what the intake decided: a group saved at its version and announced (events, live pages), occurrences. */
@Component
class GroupWriter {
    static final String LIVE_TOPIC = "alerts:all";

    private final AlertGroupRepository groups;
    private final OccurrenceRepository occurrenceRows;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;

    GroupWriter(
            AlertGroupRepository groups,
            OccurrenceRepository occurrenceRows,
            LiveUpdates live,
            ApplicationEventPublisher events) {
        this.groups = groups;
        this.occurrenceRows = occurrenceRows;
        this.live = live;
        this.events = events;
    }

    /** Saves the group (409 when a person changed it meanwhile: the processor retries) and announces it. */
    void save(AlertGroup g) {
        saveQuietly(g);
        live.publish(LIVE_TOPIC, "changed", Long.toString(g.id()));
    }

    /**
     * Saves a batch's groups as {@link #save} does, telling the list of every group once for the batch rather than
     * once per group (the list page re-reads itself on any change): a live update is a row of the cluster change log,
     * and a storm's batch repeats a hundred groups at once.
     */
    void saveAll(java.util.Collection<AlertGroup> batch) {
        batch.forEach(this::saveQuietly);
        if (!batch.isEmpty()) {
            live.publish(
                    LIVE_TOPIC, "changed", Long.toString(batch.iterator().next().id()));
        }
    }

    /** Saves the group at its version, publishes its events and tells its own page; not the list. */
    private void saveQuietly(AlertGroup g) {
        if (groups.save(g) == 0) {
            throw new ConflictException(
                    "alerting.group.changed", "alert group " + g.id() + " changed meanwhile", Map.of(), g.id());
        }
        g.pendingEvents().forEach(events::publishEvent);
        g.pendingEvents().clear();
        live.publish("alert:" + g.id(), "changed", Long.toString(g.id()));
    }

    void occurrences(long groupId, AlertEvent e) {
        occurrenceRows.addOccurrences(occurrencesOf(groupId, e));
    }

    void addOccurrences(List<NewOccurrence> pending) {
        occurrenceRows.addOccurrences(pending);
    }

    static List<NewOccurrence> occurrencesOf(long groupId, AlertEvent e) {
        if (e.items().isEmpty()) {
            return List.of(new NewOccurrence(
                    groupId, e.id(), e.receivedAt(), e.action(), null, e.title(), e.labels(), e.note()));
        }
        List<NewOccurrence> out = new java.util.ArrayList<>(e.items().size());
        for (AlertEvent.Item item : e.items()) {
            out.add(new NewOccurrence(
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
}
