package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.LabelMatcher;
import dev.kintsugi.alerting.MaintenanceWindow;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SeverityMapping;
import dev.kintsugi.alerting.Silence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The alert catalog's definitions, silences and maintenance windows. */
@Repository
public class DefinitionRepository {
    private final JdbcClient jdbc;

    public DefinitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(
            String name,
            long ownerTeamId,
            String matchers,
            String mapping,
            RoutingAction routing,
            String runbook,
            Integer expectedMinutes,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into alerting_definition (name, owner_team_id, matchers, severity_mapping, routing,
                            runbook, expected_minutes, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        name,
                        ownerTeamId,
                        matchers,
                        mapping,
                        routing == null ? null : routing.name(),
                        runbook,
                        expectedMinutes,
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public int update(
            long id,
            long version,
            String name,
            long ownerTeamId,
            String matchers,
            String mapping,
            RoutingAction routing,
            String runbook,
            Integer expectedMinutes) {
        return jdbc.sql("""
                        update alerting_definition set name = ?, owner_team_id = ?, matchers = ?, severity_mapping = ?,
                            routing = ?, runbook = ?, expected_minutes = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        name,
                        ownerTeamId,
                        matchers,
                        mapping,
                        routing == null ? null : routing.name(),
                        runbook,
                        expectedMinutes,
                        id,
                        version)
                .update();
    }

    public List<AlertDefinition> findAll() {
        return jdbc.sql("select * from alerting_definition order by name")
                .query(DefinitionRepository::definition)
                .list();
    }

    public Optional<AlertDefinition> find(long id) {
        return jdbc.sql("select * from alerting_definition where id = ?")
                .param(id)
                .query(DefinitionRepository::definition)
                .optional();
    }

    public boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("select count(*) from alerting_definition where name = ? and id <> ?")
                        .params(name, exceptId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public long insertSilence(String matchers, Instant starts, Instant ends, String comment, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into alerting_silence (matchers, starts_at, ends_at, comment, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(matchers, ts(starts), ts(ends), comment, by, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public int expireSilence(long id, long version, Instant now) {
        return jdbc.sql("""
                        update alerting_silence set ends_at = ?, version = version + 1
                        where id = ? and version = ? and ends_at > ?""").params(ts(now), id, version, ts(now)).update();
    }

    public Optional<Silence> findSilence(long id) {
        return jdbc.sql("select * from alerting_silence where id = ?")
                .param(id)
                .query(DefinitionRepository::silence)
                .optional();
    }

    /** Silences that have not ended by {@code now} (active or starting later). */
    public List<Silence> silencesNotEnded(Instant now) {
        return jdbc.sql("select * from alerting_silence where ends_at > ? order by starts_at, id")
                .param(ts(now))
                .query(DefinitionRepository::silence)
                .list();
    }

    public List<Silence> recentSilences(int limit) {
        return jdbc.sql("select * from alerting_silence order by ends_at desc, id desc limit ?")
                .param(limit)
                .query(DefinitionRepository::silence)
                .list();
    }

    public long insertMaintenance(long serviceId, Instant starts, Instant ends, String reason, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into alerting_maintenance (service_id, starts_at, ends_at, reason, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(serviceId, ts(starts), ts(ends), reason, by, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<MaintenanceWindow> maintenanceNotEnded(Instant now) {
        return jdbc.sql("select * from alerting_maintenance where ends_at > ? order by starts_at, id")
                .param(ts(now))
                .query((rs, n) -> new MaintenanceWindow(
                        rs.getLong("id"),
                        rs.getLong("service_id"),
                        instant(rs, "starts_at"),
                        instant(rs, "ends_at"),
                        rs.getString("reason"),
                        rs.getString("created_by"),
                        instant(rs, "created_at")))
                .list();
    }

    private static AlertDefinition definition(ResultSet rs, int row) throws SQLException {
        String routing = rs.getString("routing");
        return new AlertDefinition(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getLong("owner_team_id"),
                LabelMatcher.parse(rs.getString("matchers"), "matchers"),
                SeverityMapping.parse(rs.getString("severity_mapping"), "severityMapping"),
                routing == null ? null : RoutingAction.valueOf(routing),
                rs.getString("runbook"),
                rs.getObject("expected_minutes", Integer.class),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private static Silence silence(ResultSet rs, int row) throws SQLException {
        return new Silence(
                rs.getLong("id"),
                LabelMatcher.parse(rs.getString("matchers"), "matchers"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("comment"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }
}
