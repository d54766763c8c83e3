package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertGroup;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.Decision;
import dev.kintsugi.alerting.Expectation;
import dev.kintsugi.alerting.GroupStatus;
import dev.kintsugi.incident.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Alert groups (their occurrences: {@link OccurrenceRepository}; applied event ids: {@link ProcessedEventRepository}). */
@Repository
public class AlertGroupRepository {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    private static final TypeReference<List<AlertEvent.Link>> LINKS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AlertGroupRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A filter of the alert list; null fields do not filter. */
    public record Filter(
            GroupStatus status, boolean openOnly, Long serviceId, Long teamId, Long integrationId, String text) {}

    public long insert(AlertGroupView g, List<Instant> changes) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into alerting_group (integration_id, dedup_key, open_key, status, title, source_severity,
                            severity, service_ids, team_ids, definition_id, labels, links, first_at, last_at,
                            repeat_count, state_changes, flapping)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""")
                .params(
                        g.integrationId(),
                        g.dedupKey(),
                        g.dedupKey(),
                        g.status().name(),
                        g.title(),
                        g.sourceSeverity(),
                        g.severity().name(),
                        csv(g.serviceIds()),
                        csv(g.teamIds()),
                        g.definitionId(),
                        json.writeValueAsString(g.labels()),
                        json.writeValueAsString(g.links()),
                        ts(g.firstAt()),
                        ts(g.lastAt()),
                        g.repeatCount(),
                        changes(changes))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves the aggregate read at its version; 0 rows when someone else saved it meanwhile. */
    public int save(AlertGroup group) {
        AlertGroupView g = group.view();
        return jdbc.sql("""
                        update alerting_group set status = ?, open_key = ?, title = ?, last_at = ?, repeat_count = ?,
                            state_changes = ?, flapping = ?, suppressed_by = ?, decision = ?, incident_key = ?,
                            acknowledged_by = ?, acknowledged_at = ?, resolved_at = ?, expected_kind = ?,
                            expected_reference = ?, expected_by = ?, expected_started_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        g.status().name(),
                        g.status() == GroupStatus.RESOLVED ? null : g.dedupKey(),
                        g.title(),
                        ts(g.lastAt()),
                        g.repeatCount(),
                        changes(group.stateChanges()),
                        g.flapping(),
                        g.suppressedBy(),
                        g.decision() == null ? null : g.decision().name(),
                        g.incidentKey(),
                        g.acknowledgedBy(),
                        ts(g.acknowledgedAt()),
                        ts(g.resolvedAt()),
                        g.expected() == null ? null : g.expected().kind(),
                        g.expected() == null ? null : g.expected().reference(),
                        g.expected() == null ? null : g.expected().owner(),
                        g.expected() == null ? null : ts(g.expected().startedAt()),
                        g.id(),
                        g.version())
                .update();
    }

    public Optional<AlertGroup> findOpen(long integrationId, String dedupKey) {
        return jdbc.sql("select * from alerting_group where integration_id = ? and open_key = ?")
                .params(integrationId, dedupKey)
                .query(this::aggregate)
                .optional();
    }

    /** The open groups of these dedup keys of one integration, by dedup key (one query). */
    public java.util.Map<String, AlertGroup> findOpen(long integrationId, java.util.Collection<String> dedupKeys) {
        java.util.Map<String, AlertGroup> open = new java.util.HashMap<>();
        if (dedupKeys.isEmpty()) {
            return open;
        }
        jdbc.sql("select * from alerting_group where integration_id = :integration and open_key in (:keys)")
                .param("integration", integrationId)
                .param("keys", java.util.List.copyOf(dedupKeys))
                .query((rs, n) -> java.util.Map.entry(rs.getString("open_key"), aggregate(rs, n)))
                .list()
                .forEach(e -> open.put(e.getKey(), e.getValue()));
        return open;
    }

    /** The state changes recorded by the most recent group of this dedup key (for flapping). */
    public List<Instant> lastChanges(long integrationId, String dedupKey) {
        return jdbc.sql("""
                        select state_changes from alerting_group where integration_id = ? and dedup_key = ?
                        order by id desc limit 1""")
                .params(integrationId, dedupKey)
                .query(String.class)
                .optional()
                .map(AlertGroupRepository::parseChanges)
                .orElse(List.of());
    }

    public Optional<AlertGroup> find(long id) {
        return jdbc.sql("select * from alerting_group where id = ?")
                .param(id)
                .query(this::aggregate)
                .optional();
    }

    public List<AlertGroup> openByIncident(String incidentKey) {
        return jdbc.sql("select * from alerting_group where incident_key = ? and status <> 'RESOLVED' order by id")
                .param(incidentKey)
                .query(this::aggregate)
                .list();
    }

    /** Every group of an incident (open or not), the most recent first. */
    public List<AlertGroupView> byIncident(String incidentKey, int limit) {
        return jdbc
                .sql("select * from alerting_group where incident_key = ? order by first_at desc, id desc limit ?")
                .params(incidentKey, limit)
                .query(this::aggregate)
                .list()
                .stream()
                .map(AlertGroup::view)
                .toList();
    }

    public List<AlertGroupView> search(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("select * from alerting_group where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" and status = ?");
            params.add(f.status().name());
        } else if (f.openOnly()) {
            sql.append(" and status <> 'RESOLVED'");
        }
        if (f.serviceId() != null) {
            sql.append(" and (',' || service_ids || ',') like ?");
            params.add("%," + f.serviceId() + ",%");
        }
        if (f.teamId() != null) {
            sql.append(" and (',' || team_ids || ',') like ?");
            params.add("%," + f.teamId() + ",%");
        }
        if (f.integrationId() != null) {
            sql.append(" and integration_id = ?");
            params.add(f.integrationId());
        }
        if (f.text() != null && !f.text().isBlank()) {
            sql.append(" and lower(title) like ?");
            params.add("%"
                    + f.text()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%");
        }
        sql.append(" order by last_at desc, id desc limit ").append(Math.max(1, Math.min(limit, 500)));
        return jdbc.sql(sql.toString()).params(params).query(this::aggregate).list().stream()
                .map(AlertGroup::view)
                .toList();
    }

    /** Groups no definition matched, most recent first (for the "undocumented" list). */
    public List<AlertGroupView> undocumented(int limit) {
        return jdbc
                .sql("select * from alerting_group where definition_id is null order by last_at desc limit ?")
                .param(limit)
                .query(this::aggregate)
                .list()
                .stream()
                .map(AlertGroup::view)
                .toList();
    }

    private AlertGroup aggregate(ResultSet rs, int row) throws SQLException {
        String decision = rs.getString("decision");
        AlertGroupView v = new AlertGroupView(
                rs.getLong("id"),
                rs.getLong("integration_id"),
                rs.getString("dedup_key"),
                GroupStatus.valueOf(rs.getString("status")),
                rs.getString("title"),
                rs.getString("source_severity"),
                Severity.valueOf(rs.getString("severity")),
                ids(rs.getString("service_ids")),
                ids(rs.getString("team_ids")),
                rs.getObject("definition_id", Long.class),
                json.readValue(rs.getString("labels"), LABELS),
                rs.getString("links") == null ? List.of() : json.readValue(rs.getString("links"), LINKS),
                instant(rs, "first_at"),
                instant(rs, "last_at"),
                rs.getInt("repeat_count"),
                rs.getBoolean("flapping"),
                rs.getString("suppressed_by"),
                decision == null ? null : Decision.valueOf(decision),
                rs.getString("incident_key"),
                rs.getString("acknowledged_by"),
                instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"),
                expectation(rs),
                rs.getLong("version"));
        return new AlertGroup(v, parseChanges(rs.getString("state_changes")));
    }

    /** The stored expectation; a start unknown (a run alerting had forgotten when V67 ran) reads as the first alert. */
    private static Expectation expectation(ResultSet rs) throws SQLException {
        String kind = rs.getString("expected_kind");
        if (kind == null) {
            return null;
        }
        Instant started = instant(rs, "expected_started_at");
        return new Expectation(
                kind,
                rs.getLong("expected_reference"),
                rs.getString("expected_by"),
                started == null ? instant(rs, "first_at") : started);
    }

    private static String csv(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Set<Long> ids(String csv) {
        Set<Long> out = new LinkedHashSet<>();
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(String::trim).map(Long::parseLong).forEach(out::add);
        }
        return out;
    }

    private static String changes(List<Instant> changes) {
        return changes.stream().map(i -> Long.toString(i.toEpochMilli())).collect(Collectors.joining(","));
    }

    private static List<Instant> parseChanges(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(","))
                .map(x -> Instant.ofEpochMilli(Long.parseLong(x.trim())))
                .toList();
    }
}
