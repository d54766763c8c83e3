package dev.kintsugi.incident.persistence;

import static dev.kintsugi.platform.Sql.instant;

import dev.kintsugi.incident.Incident;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.PageResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Incident lists and counts, filtered by what the viewer may see. */
@Repository
public class IncidentListRepository {
    private final JdbcClient jdbc;

    public IncidentListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                .query(IncidentListRepository::summary)
                .list();
        return new PageResult<>(rows, page, size, total);
    }

    /**
     * The open incidents {@code username} is in: holds a role, joined, or declared; newest first. They are the
     * person's own, so private ones included.
     */
    public List<IncidentSummary> openInvolving(String username, int limit) {
        return jdbc.sql("""
                        select i.* from incident i
                        where i.status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING')
                          and (i.commander = ? or i.scribe = ? or i.comms_lead = ? or i.declared_by = ?
                               or exists (select 1 from incident_participant p
                                          where p.incident_id = i.id and p.username = ?))
                        order by i.declared_at desc, i.id desc limit ?""")
                .params(username, username, username, username, username, limit)
                .query(IncidentListRepository::summary)
                .list();
    }

    /** A row of {@code incident} as a list item (its services are read separately, {@link #serviceIdsOf}). */
    private static IncidentSummary summary(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IncidentSummary(
                rs.getLong("id"),
                Incident.key(rs.getLong("number")),
                rs.getString("title"),
                Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getBoolean("private_incident"),
                rs.getString("commander"),
                instant(rs, "declared_at"),
                instant(rs, "resolved_at"),
                List.of(),
                gameDayId(rs));
    }

    private static Long gameDayId(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("game_day_id");
        return rs.wasNull() ? null : id;
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

    /**
     * Open incidents (not yet resolved) touching any of {@code serviceIds}, or every open incident when the set is
     * empty, private ones included: for other modules' safety checks, never shown as they are.
     */
    public List<dev.kintsugi.incident.OpenIncident> openOn(Collection<Long> serviceIds) {
        String where = " where i.status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING')";
        List<Object> params = new ArrayList<>();
        if (!serviceIds.isEmpty()) {
            where += " and exists (select 1 from incident_service s where s.incident_id = i.id and s.service_id in ("
                    + placeholders(serviceIds.size()) + "))";
            params.addAll(serviceIds);
        }
        List<dev.kintsugi.incident.OpenIncident> open = jdbc.sql(
                        "select i.id, i.number, i.title, i.severity, i.status, i.declared_at from incident i" + where
                                + " order by i.severity, i.declared_at")
                .params(params)
                .query((rs, n) -> new dev.kintsugi.incident.OpenIncident(
                        rs.getLong("id"),
                        Incident.key(rs.getLong("number")),
                        rs.getString("title"),
                        Severity.valueOf(rs.getString("severity")),
                        dev.kintsugi.incident.IncidentStatus.valueOf(rs.getString("status")),
                        instant(rs, "declared_at"),
                        List.of()))
                .list();
        Map<Long, List<Long>> services = serviceIdsOf(
                open.stream().map(dev.kintsugi.incident.OpenIncident::id).toList());
        return open.stream()
                .map(o -> o.withServiceIds(services.getOrDefault(o.id(), List.of())))
                .toList();
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
