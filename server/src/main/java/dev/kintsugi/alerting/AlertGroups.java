package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.alerting.persistence.OccurrenceRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert groups for people: the list and one group with its occurrences, and what a responder does with one
 * (acknowledge, resolve). Acknowledging a group that belongs to an incident acknowledges the incident too (MTTA),
 * as the same person; the other way round is {@link AlertingListeners}.
 */
@Service
@Transactional
public class AlertGroups {
    private static final Logger log = LoggerFactory.getLogger(AlertGroups.class);
    private final AlertGroupRepository groups;
    private final OccurrenceRepository occurrenceRows;
    private final AlertIntake intake;
    private final IncidentRouting routing;
    private final AuditLog audit;
    private final Clock clock;

    AlertGroups(
            AlertGroupRepository groups,
            OccurrenceRepository occurrenceRows,
            AlertIntake intake,
            IncidentRouting routing,
            AuditLog audit,
            Clock clock) {
        this.groups = groups;
        this.occurrenceRows = occurrenceRows;
        this.intake = intake;
        this.routing = routing;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<AlertGroupView> search(Filter filter, int limit) {
        return groups.search(filter, limit);
    }

    /** The alert groups of an incident, the most recent first (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<AlertGroupView> ofIncident(String incidentKey, int limit) {
        return groups.byIncident(incidentKey, Math.max(1, Math.min(limit, 200)));
    }

    @Transactional(readOnly = true)
    public AlertGroupView get(long id) {
        return load(id).view();
    }

    @Transactional(readOnly = true)
    public List<AlertOccurrence> occurrences(long id, int limit) {
        load(id);
        return occurrenceRows.occurrences(id, Math.max(1, Math.min(limit, 500)));
    }

    @Transactional(readOnly = true)
    public long occurrenceCount(long id) {
        return occurrenceRows.occurrenceCount(id);
    }

    public AlertGroupView acknowledge(long id, Long expectedVersion) {
        AlertGroup g = load(id);
        Versions.require(expectedVersion, g.version(), "Alert group " + id);
        AlertGroupView before = g.view();
        String user = Actor.current();
        Instant now = clock.instant();
        if (!g.acknowledge(user, now)) {
            return before;
        }
        if (g.incidentKey() != null) {
            try {
                routing.acknowledge(g.incidentKey());
            } catch (NotFoundException | ConflictException e) {
                log.info(
                        "alert group {} acknowledged; its incident {} was not: {}",
                        id,
                        g.incidentKey(),
                        e.getMessage());
            }
            routing.record(g.incidentKey(), "alerting.timeline.acknowledged", now, before.title(), user);
        }
        intake.save(g);
        audit.record(
                "alerting.group-acknowledged",
                "alert-group",
                Long.toString(id),
                "Acknowledged alert " + before.title(),
                before,
                Map.of("status", "ACKNOWLEDGED"));
        return load(id).view();
    }

    public AlertGroupView resolve(long id, Long expectedVersion) {
        AlertGroup g = load(id);
        Versions.require(expectedVersion, g.version(), "Alert group " + id);
        AlertGroupView before = g.view();
        String user = Actor.current();
        if (before.status() == GroupStatus.RESOLVED) {
            return before;
        }
        intake.resolve(g, user, clock.instant(), user);
        audit.record(
                "alerting.group-resolved",
                "alert-group",
                Long.toString(id),
                "Resolved alert " + before.title(),
                before,
                Map.of("status", "RESOLVED"));
        return load(id).view();
    }

    /** The incident acknowledged: its open groups that nobody acknowledged yet follow. */
    void incidentAcknowledged(String incidentKey, Instant at) {
        for (AlertGroup g : groups.openByIncident(incidentKey)) {
            if (g.acknowledge("incident:" + incidentKey, at)) {
                intake.save(g);
                audit.record(
                        "alerting.group-acknowledged",
                        "alert-group",
                        Long.toString(g.id()),
                        "Acknowledged with " + incidentKey,
                        null,
                        Map.of("status", "ACKNOWLEDGED"));
            }
        }
    }

    private AlertGroup load(long id) {
        return groups.find(id).orElseThrow(() -> new NotFoundException("Alert group", id));
    }
}
