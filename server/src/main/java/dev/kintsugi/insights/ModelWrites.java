package dev.kintsugi.insights;

import static dev.kintsugi.insights.Sql.ts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read model's incident, post-mortem and countermeasure rows: writes from the listeners and the rebuild. */
@Repository
class ModelWrites {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ModelWrites(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Replaces the incident's row with its state at {@code version}, unless the row already holds a later state:
     * the listeners of one incident's events run in parallel and may finish out of order.
     */
    void saveIncident(IncidentRow r, long version) {
        Long stored = jdbc.sql("select incident_version from insights_incident where incident_id = ? for update")
                .param(r.incidentId())
                .query((rs, n) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                })
                .optional()
                .orElse(null);
        if (stored != null && stored > version) {
            return;
        }
        jdbc.sql("delete from insights_incident where incident_id = ?")
                .param(r.incidentId())
                .update();
        jdbc.sql(INSERT_INCIDENT).params(incidentValues(r, version)).update();
        for (long sv : r.serviceIds()) {
            jdbc.sql(INSERT_SERVICE).params(r.incidentId(), sv).update();
        }
        for (long t : r.teamIds()) {
            jdbc.sql(INSERT_TEAM).params(r.incidentId(), t).update();
        }
    }

    /** An incident's row and the incident's version it was read at. */
    record Versioned(IncidentRow row, long version) {}

    /**
     * Replaces the rows of a page of incidents (the rebuild's) with four JDBC batches instead of a few statements
     * per incident; a row a listener meanwhile wrote from a later version is kept.
     */
    void replaceIncidents(List<Versioned> page) {
        if (page.isEmpty()) {
            return;
        }
        List<Long> ids = page.stream().map(v -> v.row().incidentId()).toList();
        Map<Long, Long> stored = new HashMap<>();
        jdbc.sql("select incident_id, incident_version from insights_incident where incident_id in (:ids) for update")
                .param("ids", ids)
                .query((rs, n) -> stored.put(rs.getLong(1), Sql.lng(rs, "incident_version")))
                .list();
        List<Versioned> fresh = page.stream()
                .filter(v -> {
                    Long at = stored.get(v.row().incidentId());
                    return at == null || at <= v.version();
                })
                .toList();
        batch.batchUpdate(
                "delete from insights_incident where incident_id = ?",
                fresh.stream()
                        .filter(v -> stored.containsKey(v.row().incidentId()))
                        .map(v -> new Object[] {v.row().incidentId()})
                        .toList());
        batch.batchUpdate(
                INSERT_INCIDENT,
                fresh.stream().map(v -> incidentValues(v.row(), v.version())).toList());
        List<Object[]> services = new ArrayList<>();
        List<Object[]> teams = new ArrayList<>();
        for (Versioned v : fresh) {
            v.row()
                    .serviceIds()
                    .forEach(sv -> services.add(new Object[] {v.row().incidentId(), sv}));
            v.row().teamIds().forEach(t -> teams.add(new Object[] {v.row().incidentId(), t}));
        }
        batch.batchUpdate(INSERT_SERVICE, services);
        batch.batchUpdate(INSERT_TEAM, teams);
    }

    private static final String INSERT_INCIDENT = "insert into insights_incident (incident_id, incident_key, title,"
            + " severity, private_incident, game_day, started_at, detected_at, declared_at, acknowledged_at,"
            + " mitigated_at, resolved_at, start_at, detect_s, acknowledge_s, mitigate_s, resolve_s, impact_s,"
            + " incident_version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_SERVICE =
            "insert into insights_incident_service (incident_id, service_id) values (?, ?)";
    private static final String INSERT_TEAM = "insert into insights_incident_team (incident_id, team_id) values (?, ?)";

    private static Object[] incidentValues(IncidentRow r, long version) {
        return new Object[] {
            r.incidentId(),
            r.key(),
            r.title(),
            r.severity(),
            r.privateIncident(),
            r.gameDay(),
            ts(r.started()),
            ts(r.detected()),
            ts(r.declared()),
            ts(r.acknowledged()),
            ts(r.mitigated()),
            ts(r.resolved()),
            ts(r.start()),
            r.detectSeconds(),
            r.acknowledgeSeconds(),
            r.mitigateSeconds(),
            r.resolveSeconds(),
            r.impactSeconds(),
            version
        };
    }

    void deleteIncident(long incidentId) {
        jdbc.sql("delete from insights_incident where incident_id = ?")
                .param(incidentId)
                .update();
    }

    /** Records a post-mortem; a later call keeps the first drafted time and sets the publication when given. */
    void savePostmortem(long id, Long incidentId, Instant draftedAt, Instant publishedAt, Collection<Long> services) {
        savePostmortem(id, incidentId, draftedAt, publishedAt, services, false);
    }

    /**
     * {@code servicesOnlyIfNew}: a draft's services are written only with a new row — when the row exists, a later
     * revision's listener (the events of one post-mortem are heard in parallel) already wrote newer ones.
     */
    void savePostmortem(
            long id,
            Long incidentId,
            Instant draftedAt,
            Instant publishedAt,
            Collection<Long> services,
            boolean servicesOnlyIfNew) {
        int updated = jdbc.sql("update insights_postmortem set incident_id = ?,"
                        + " published_at = coalesce(?, published_at) where postmortem_id = ?")
                .params(incidentId, ts(publishedAt), id)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into insights_postmortem (postmortem_id, incident_id, drafted_at, published_at)"
                            + " values (?, ?, ?, ?)")
                    .params(id, incidentId, ts(draftedAt), ts(publishedAt))
                    .update();
        } else if (servicesOnlyIfNew) {
            return;
        }
        jdbc.sql("delete from insights_postmortem_service where postmortem_id = ?")
                .param(id)
                .update();
        for (long s : services) {
            jdbc.sql("insert into insights_postmortem_service (postmortem_id, service_id) values (?, ?)")
                    .params(id, s)
                    .update();
        }
    }

    void saveCountermeasure(
            long id, long postmortemId, Long teamId, String status, LocalDate due, Instant createdAt, Instant doneAt) {
        jdbc.sql("delete from insights_countermeasure where countermeasure_id = ?")
                .param(id)
                .update();
        jdbc.sql("insert into insights_countermeasure (countermeasure_id, postmortem_id, team_id, status, due_date,"
                        + " created_at, done_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, postmortemId, teamId, status, due, ts(createdAt), ts(doneAt))
                .update();
    }

    void clearIncidentModel() {
        jdbc.sql("delete from insights_incident").update();
        jdbc.sql("delete from insights_postmortem").update();
        jdbc.sql("delete from insights_countermeasure").update();
    }
}
