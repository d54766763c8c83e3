package dev.kintsugi.incident.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.Incident;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incident tables. Saving checks the version, so two people changing one incident at once cannot clash. */
@Repository
public class IncidentRepository {
    private static final Map<Milestone, String> MILESTONE_COLUMNS = Map.of(
            Milestone.IMPACT_STARTED, "impact_started_at",
            Milestone.DETECTED, "detected_at",
            Milestone.DECLARED, "declared_at",
            Milestone.ACKNOWLEDGED, "acknowledged_at",
            Milestone.MITIGATED, "mitigated_at",
            Milestone.RESOLVED, "resolved_at",
            Milestone.CLOSED, "closed_at");
    private static final Map<IncidentRole, String> ROLE_COLUMNS = Map.of(
            IncidentRole.COMMANDER, "commander",
            IncidentRole.SCRIBE, "scribe",
            IncidentRole.COMMUNICATIONS, "comms_lead");

    private final JdbcClient jdbc;

    public IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long nextNumber() {
        return jdbc.sql("select nextval('incident_number_seq')")
                .query(Long.class)
                .single();
    }

    /** Inserts a new incident row and returns its id. */
    public long insert(
            long number,
            String title,
            String description,
            Severity severity,
            boolean privateIncident,
            String declaredBy,
            Instant declaredAt,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into incident (number, title, description, severity, status, private_incident,
                            declared_at, declared_by, updated_at, version)
                        values (?, ?, ?, ?, 'INVESTIGATING', ?, ?, ?, ?, 0)""")
                .params(
                        number,
                        title,
                        description,
                        severity.name(),
                        privateIncident,
                        Timestamp.from(declaredAt),
                        declaredBy,
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Incident> findByNumber(long number) {
        return jdbc.sql("select * from incident where number = ?")
                .param(number)
                .query(this::map)
                .optional();
    }

    public Optional<Incident> findById(long id) {
        return jdbc.sql("select * from incident where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public Optional<Long> numberOf(long id) {
        return jdbc.sql("select number from incident where id = ?")
                .param(id)
                .query(Long.class)
                .optional();
    }

    public Optional<Long> idOfNumber(long number) {
        return jdbc.sql("select id from incident where number = ?")
                .param(number)
                .query(Long.class)
                .optional();
    }

    /** Writes the aggregate's state; refuses with 409 if someone else saved it since it was read. */
    public void save(Incident i) {
        StringBuilder sql = new StringBuilder(
                "update incident set title = ?, description = ?, severity = ?, status = ?, private_incident = ?,"
                        + " closure_reason = ?, duplicate_of = ?, updated_at = ?, version = version + 1");
        List<Object> params = new ArrayList<>();
        params.add(i.title());
        params.add(i.description());
        params.add(i.severity().name());
        params.add(i.status().name());
        params.add(i.isPrivate());
        params.add(i.closureReason() == null ? null : i.closureReason().name());
        params.add(i.duplicateOf());
        params.add(Timestamp.from(i.updatedAt()));
        for (IncidentRole r : IncidentRole.values()) {
            sql.append(", ").append(ROLE_COLUMNS.get(r)).append(" = ?");
            params.add(i.role(r));
        }
        for (Milestone m : Milestone.values()) {
            sql.append(", ").append(MILESTONE_COLUMNS.get(m)).append(" = ?");
            params.add(ts(i.milestone(m)));
        }
        sql.append(" where id = ? and version = ?");
        params.add(i.id());
        params.add(i.version());
        int updated = jdbc.sql(sql.toString()).params(params).update();
        if (updated == 0) {
            throw new ConflictException(i.key() + " was changed by someone else meanwhile; reload and try again");
        }
        Set<Long> storedServices = new LinkedHashSet<>(serviceIds(i.id()));
        if (!storedServices.equals(i.serviceIds())) {
            jdbc.sql("delete from incident_service where incident_id = ?")
                    .param(i.id())
                    .update();
            for (Long s : i.serviceIds()) {
                jdbc.sql("insert into incident_service (incident_id, service_id) values (?, ?)")
                        .params(i.id(), s)
                        .update();
            }
        }
        Set<String> storedParticipants = new LinkedHashSet<>(participants(i.id()));
        for (String p : i.participants()) {
            if (!storedParticipants.contains(p)) {
                jdbc.sql("insert into incident_participant (incident_id, username, joined_at) values (?, ?, ?)")
                        .params(i.id(), p, Timestamp.from(i.updatedAt()))
                        .update();
            }
        }
    }

    public long addEntry(
            long incidentId,
            Instant occurredAt,
            Instant recordedAt,
            String author,
            TimelineEntryKind kind,
            Visibility visibility,
            String perspective,
            String body) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into incident_timeline_entry (incident_id, occurred_at, recorded_at, author, kind,
                            visibility, perspective, body, pinned) values (?, ?, ?, ?, ?, ?, ?, ?, false)""")
                .params(
                        incidentId,
                        Timestamp.from(occurredAt),
                        Timestamp.from(recordedAt),
                        author,
                        kind.name(),
                        visibility.name(),
                        perspective,
                        body)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<TimelineEntry> timeline(long incidentId) {
        return jdbc.sql("select * from incident_timeline_entry where incident_id = ? order by occurred_at, id")
                .param(incidentId)
                .query(IncidentRepository::mapEntry)
                .list();
    }

    public Optional<TimelineEntry> entry(long entryId) {
        return jdbc.sql("select * from incident_timeline_entry where id = ?")
                .param(entryId)
                .query(IncidentRepository::mapEntry)
                .optional();
    }

    public void setPinned(long entryId, boolean pinned) {
        jdbc.sql("update incident_timeline_entry set pinned = ? where id = ?")
                .params(pinned, entryId)
                .update();
    }

    /**
     * One page of incidents, newest first. Private incidents appear only to their participants, their
     * declarer and admins. {@code serviceIds} (from a service or team filter) restricts to incidents affecting
     * any of them; an empty non-null set matches nothing.
     */
    public PageResult<IncidentSummary> search(
            Collection<IncidentStatus> statuses,
            Collection<Severity> severities,
            Collection<Long> serviceIds,
            String text,
            String viewer,
            boolean admin,
            int page,
            int size) {
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" and i.status in (")
                    .append(placeholders(statuses.size()))
                    .append(')');
            statuses.forEach(s -> params.add(s.name()));
        }
        if (severities != null && !severities.isEmpty()) {
            where.append(" and i.severity in (")
                    .append(placeholders(severities.size()))
                    .append(')');
            severities.forEach(s -> params.add(s.name()));
        }
        if (serviceIds != null) {
            if (serviceIds.isEmpty()) {
                return new PageResult<>(List.of(), page, size, 0);
            }
            where.append(
                            " and exists (select 1 from incident_service s where s.incident_id = i.id and s.service_id in (")
                    .append(placeholders(serviceIds.size()))
                    .append("))");
            params.addAll(serviceIds);
        }
        if (text != null && !text.isBlank()) {
            where.append(
                    " and (lower(i.title) like ? or lower(i.description) like ? or cast(i.number as varchar(20)) = ?)");
            String like = "%" + text.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%";
            params.add(like);
            params.add(like);
            params.add(text.trim().toUpperCase(java.util.Locale.ROOT).replaceFirst("^INC-", ""));
        }
        if (!admin) {
            where.append(" and (i.private_incident = false or i.declared_by = ? or exists (select 1 from"
                    + " incident_participant p where p.incident_id = i.id and p.username = ?))");
            params.add(viewer);
            params.add(viewer);
        }
        long total = jdbc.sql("select count(*) from incident i" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<IncidentSummary> rows = jdbc.sql("select i.* from incident i" + where
                        + " order by i.declared_at desc, i.id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> new IncidentSummary(
                        rs.getLong("id"),
                        Incident.key(rs.getLong("number")),
                        rs.getString("title"),
                        Severity.valueOf(rs.getString("severity")),
                        IncidentStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("private_incident"),
                        rs.getString("commander"),
                        instant(rs, "declared_at"),
                        instant(rs, "resolved_at"),
                        List.of()))
                .list();
        return new PageResult<>(rows, page, size, total);
    }

    /** Service ids per incident, for a page of incidents at once. */
    public Map<Long, List<Long>> serviceIdsOf(Collection<Long> incidentIds) {
        Map<Long, List<Long>> result = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select incident_id, service_id from incident_service where incident_id in ("
                        + placeholders(incidentIds.size()) + ") order by service_id")
                .params(new ArrayList<>(incidentIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("incident_id"), k -> new ArrayList<>())
                            .add(rs.getLong("service_id"));
                });
        return result;
    }

    /** Open incidents per severity, as the viewer may see them. */
    public Map<Severity, Long> openBySeverity(String viewer, boolean admin) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        String visibility = admin
                ? ""
                : " and (private_incident = false or declared_by = ? or exists (select 1 from incident_participant p"
                        + " where p.incident_id = incident.id and p.username = ?))";
        List<Object> params = admin ? List.of() : List.of(viewer, viewer);
        jdbc.sql("select severity, count(*) as n from incident where status in ('INVESTIGATING', 'IDENTIFIED',"
                        + " 'MONITORING')" + visibility + " group by severity")
                .params(params)
                .query(rs -> {
                    counts.put(Severity.valueOf(rs.getString("severity")), rs.getLong("n"));
                });
        return counts;
    }

    /** Declared-at and severity of every incident declared since {@code from}, for trend charts. */
    public List<Map.Entry<Instant, Severity>> declaredSince(Instant from) {
        return jdbc.sql("select declared_at, severity from incident where declared_at >= ? order by declared_at")
                .param(Timestamp.from(from))
                .query((rs, n) -> Map.entry(instant(rs, "declared_at"), Severity.valueOf(rs.getString("severity"))))
                .list();
    }

    /** Private incidents this viewer neither declared nor takes part in. */
    public List<Long> privateIdsHiddenFrom(String viewer) {
        return jdbc.sql(
                        "select i.id from incident i where i.private_incident = true and i.declared_by <> ? and not exists"
                                + " (select 1 from incident_participant p where p.incident_id = i.id and p.username = ?)")
                .params(viewer, viewer)
                .query(Long.class)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from incident").query(Long.class).single();
    }

    private List<Long> serviceIds(long incidentId) {
        return jdbc.sql("select service_id from incident_service where incident_id = ? order by service_id")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    private List<String> participants(long incidentId) {
        return jdbc.sql("select username from incident_participant where incident_id = ? order by joined_at, username")
                .param(incidentId)
                .query(String.class)
                .list();
    }

    private Incident map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Map<IncidentRole, String> roles = new EnumMap<>(IncidentRole.class);
        for (var e : ROLE_COLUMNS.entrySet()) {
            String v = rs.getString(e.getValue());
            if (v != null) {
                roles.put(e.getKey(), v);
            }
        }
        Map<Milestone, Instant> milestones = new EnumMap<>(Milestone.class);
        for (var e : MILESTONE_COLUMNS.entrySet()) {
            Instant v = instant(rs, e.getValue());
            if (v != null) {
                milestones.put(e.getKey(), v);
            }
        }
        String closure = rs.getString("closure_reason");
        long dup = rs.getLong("duplicate_of");
        Long duplicateOf = rs.wasNull() ? null : dup;
        return new Incident(
                id,
                rs.getLong("number"),
                rs.getString("title"),
                rs.getString("description"),
                Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getBoolean("private_incident"),
                closure == null ? null : ClosureReason.valueOf(closure),
                duplicateOf,
                roles,
                milestones,
                new LinkedHashSet<>(serviceIds(id)),
                new LinkedHashSet<>(participants(id)),
                rs.getString("declared_by"),
                instant(rs, "updated_at"),
                rs.getInt("version"));
    }

    private static TimelineEntry mapEntry(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                instant(rs, "occurred_at"),
                instant(rs, "recorded_at"),
                rs.getString("author"),
                TimelineEntryKind.valueOf(rs.getString("kind")),
                Visibility.valueOf(rs.getString("visibility")),
                rs.getString("perspective"),
                rs.getString("body"),
                rs.getBoolean("pinned"));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
