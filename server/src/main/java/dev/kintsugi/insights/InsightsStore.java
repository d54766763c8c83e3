package dev.kintsugi.insights;

import static dev.kintsugi.insights.Sql.instant;
import static dev.kintsugi.insights.Sql.lng;
import static dev.kintsugi.insights.Sql.ts;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident and countermeasure figures over the read model ({@code insights_*}), and the weak signals' reads. */
@Repository
class InsightsStore {
    private final JdbcClient jdbc;

    InsightsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many incidents the read model holds. */
    long incidentCount() {
        return jdbc.sql("select count(*) from insights_incident")
                .query(Long.class)
                .single();
    }

    /** Streams the filtered incidents' declaration, severity and metrics into {@code into}, oldest first. */
    void figures(InsightsFilter f, IncidentFigures into) {
        Where w = where(f);
        Metric[] metrics = Metric.values();
        StringBuilder sql = new StringBuilder("select i.declared_at, i.severity");
        for (Metric m : metrics) {
            sql.append(", i.").append(m.column());
        }
        sql.append(" from insights_incident i").append(w.sql).append(" order by i.declared_at");
        Long[] seconds = new Long[metrics.length];
        jdbc.sql(sql.toString()).params(w.params).query(rs -> {
            for (int m = 0; m < metrics.length; m++) {
                long v = rs.getLong(3 + m);
                seconds[m] = rs.wasNull() ? null : v;
            }
            into.add(rs.getTimestamp(1).toInstant(), Severity.valueOf(rs.getString(2)), seconds);
        });
    }

    /** A service's incidents: how many, and the first and last start (MTBF = span / (count − 1)). */
    record ServiceSpan(long serviceId, long incidents, Instant first, Instant last) {}

    List<ServiceSpan> serviceSpans(InsightsFilter f) {
        Where w = where(f);
        return jdbc.sql("select s.service_id, count(*) as n, min(i.start_at) as first_at, max(i.start_at) as last_at"
                        + " from insights_incident i join insights_incident_service s on s.incident_id = i.incident_id"
                        + w.sql + " group by s.service_id order by s.service_id")
                .params(w.params)
                .query((rs, n) -> new ServiceSpan(
                        rs.getLong("service_id"), rs.getLong("n"), instant(rs, "first_at"), instant(rs, "last_at")))
                .list();
    }

    /** A resolved incident lacking one of the milestones the metrics need, with the team(s) it concerns. */
    record Incomplete(
            long incidentId,
            String key,
            String title,
            boolean privateIncident,
            Long teamId,
            boolean noStart,
            boolean noDetected,
            boolean noAcknowledged,
            boolean noMitigated) {}

    private static final String INCOMPLETE = " from insights_incident i"
            + " left join insights_incident_team t on t.incident_id = i.incident_id%s"
            + " and i.resolved_at is not null and (i.started_at is null or i.detected_at is null"
            + " or i.acknowledged_at is null or i.mitigated_at is null)";

    /** How many rows {@link #incomplete} has without a limit (an incident once per team it concerns). */
    long incompleteCount(InsightsFilter f) {
        Where w = where(f);
        return jdbc.sql("select count(*)" + INCOMPLETE.formatted(w.sql))
                .params(w.params)
                .query(Long.class)
                .single();
    }

    List<Incomplete> incomplete(InsightsFilter f, int limit) {
        Where w = where(f);
        return jdbc.sql("select i.incident_id, i.incident_key, i.title, i.private_incident, t.team_id,"
                        + " i.started_at, i.detected_at, i.acknowledged_at, i.mitigated_at"
                        + INCOMPLETE.formatted(w.sql)
                        + " order by t.team_id, i.declared_at desc, i.incident_id fetch first " + limit + " rows only")
                .params(w.params)
                .query((rs, n) -> new Incomplete(
                        rs.getLong("incident_id"),
                        rs.getString("incident_key"),
                        rs.getString("title"),
                        rs.getBoolean("private_incident"),
                        lng(rs, "team_id"),
                        rs.getTimestamp("started_at") == null,
                        rs.getTimestamp("detected_at") == null,
                        rs.getTimestamp("acknowledged_at") == null,
                        rs.getTimestamp("mitigated_at") == null))
                .list();
    }

    /** Resolved incidents of the filter and when their post-mortem was published (null: not yet). */
    record Timeliness(long incidentId, String key, Instant resolved, Instant published) {}

    List<Timeliness> timeliness(InsightsFilter f) {
        Where w = where(f);
        return jdbc.sql("select i.incident_id, i.incident_key, i.resolved_at, p.published_at from insights_incident i"
                        + " left join insights_postmortem p on p.incident_id = i.incident_id"
                        + w.sql + " and i.resolved_at is not null order by i.resolved_at")
                .params(w.params)
                .query((rs, n) -> new Timeliness(
                        rs.getLong("incident_id"),
                        rs.getString("incident_key"),
                        instant(rs, "resolved_at"),
                        instant(rs, "published_at")))
                .list();
    }

    /** Countermeasures created in the period, per owning team (null: no team). */
    record TeamCountermeasures(Long teamId, long total, long done, long wontDo, long overdue) {}

    List<TeamCountermeasures> countermeasuresByTeam(Instant from, Instant to, LocalDate today) {
        return jdbc.sql("select c.team_id, count(*) as total,"
                        + " sum(case when c.status = 'DONE' then 1 else 0 end) as done,"
                        + " sum(case when c.status = 'WONT_DO' then 1 else 0 end) as wont_do,"
                        + " sum(case when c.status in ('OPEN', 'IN_PROGRESS') and c.due_date < ? then 1 else 0 end)"
                        + " as overdue from insights_countermeasure c where c.created_at >= ? and c.created_at < ?"
                        + " group by c.team_id order by c.team_id")
                .params(today, ts(from), ts(to))
                .query((rs, n) -> new TeamCountermeasures(
                        lng(rs, "team_id"),
                        rs.getLong("total"),
                        rs.getLong("done"),
                        rs.getLong("wont_do"),
                        rs.getLong("overdue")))
                .list();
    }

    long overdueCountermeasures(LocalDate today) {
        return jdbc.sql("select count(*) from insights_countermeasure where status in ('OPEN', 'IN_PROGRESS')"
                        + " and due_date < ?")
                .param(today)
                .query(Long.class)
                .single();
    }

    /** Services with at least {@code min} incidents of the given severities declared since {@code from}. */
    record Repeated(long serviceId, List<String> keys) {}

    List<Repeated> repeatedLowSeverity(Instant from, Collection<String> severities, int min) {
        String in = String.join(",", severities.stream().map(s -> "?").toList());
        List<Object> params = new ArrayList<>(severities);
        params.add(ts(from));
        Map<Long, List<String>> byService = new java.util.LinkedHashMap<>();
        jdbc.sql("select s.service_id, i.incident_key from insights_incident i join insights_incident_service s on"
                        + " s.incident_id = i.incident_id where i.severity in (" + in + ") and i.declared_at >= ?"
                        + " and i.game_day = false and not exists (select 1 from insights_postmortem p where"
                        + " p.incident_id = i.incident_id) order by s.service_id, i.declared_at")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getLong("service_id"), rs.getString("incident_key")))
                .list()
                .forEach(e -> byService
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return byService.entrySet().stream()
                .filter(e -> e.getValue().size() >= min)
                .map(e -> new Repeated(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    /**
     * Whether a service's pattern is being addressed: a post-mortem naming it drafted since {@code from}, or an
     * active countermeasure on a post-mortem naming it.
     */
    boolean addressed(long serviceId, Instant from) {
        return jdbc.sql("select count(*) from insights_postmortem p join insights_postmortem_service s on"
                                + " s.postmortem_id = p.postmortem_id where s.service_id = ? and (p.drafted_at >= ? or exists"
                                + " (select 1 from insights_countermeasure c where c.postmortem_id = p.postmortem_id and"
                                + " c.status in ('OPEN', 'IN_PROGRESS')))")
                        .params(serviceId, ts(from))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private record Where(String sql, List<Object> params) {}

    private static Where where(InsightsFilter f) {
        StringBuilder sql = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (!f.includeGameDays()) {
            sql.append(" and i.game_day = false");
        }
        if (f.from() != null) {
            sql.append(" and i.declared_at >= ?");
            params.add(ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and i.declared_at < ?");
            params.add(ts(f.to()));
        }
        if (!f.severities().isEmpty()) {
            sql.append(" and i.severity in (")
                    .append(String.join(
                            ",", f.severities().stream().map(s -> "?").toList()))
                    .append(')');
            f.severities().stream().sorted().forEach(s -> params.add(s.name()));
        }
        if (f.serviceId() != null) {
            sql.append(" and exists (select 1 from insights_incident_service fs where fs.incident_id = i.incident_id"
                    + " and fs.service_id = ?)");
            params.add(f.serviceId());
        }
        if (f.teamId() != null) {
            sql.append(" and exists (select 1 from insights_incident_team ft where ft.incident_id = i.incident_id"
                    + " and ft.team_id = ?)");
            params.add(f.teamId());
        }
        return new Where(sql.toString(), params);
    }
}
