package dev.kintsugi.oncall.persistence;

import dev.kintsugi.oncall.EscalationPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Escalation policies: levels, repeat and routing as one JSON document. */
@Repository
public class PolicyRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public PolicyRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(
            String name,
            String displayName,
            long teamId,
            boolean teamDefault,
            EscalationPolicy.Definition d,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_policy (name, display_name, team_id, team_default, definition, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(name, displayName, teamId, teamDefault, json.writeValueAsString(d), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public int update(
            long id,
            long version,
            String name,
            String displayName,
            long teamId,
            boolean teamDefault,
            EscalationPolicy.Definition d) {
        return jdbc.sql("""
                        update oncall_policy set name = ?, display_name = ?, team_id = ?, team_default = ?, definition = ?,
                            version = version + 1 where id = ? and version = ?""")
                .params(name, displayName, teamId, teamDefault, json.writeValueAsString(d), id, version)
                .update();
    }

    /** Only one default per team: the others lose it. */
    public void clearOtherDefaults(long teamId, long keepId) {
        jdbc.sql("update oncall_policy set team_default = false, version = version + 1"
                        + " where team_id = ? and id <> ? and team_default")
                .params(teamId, keepId)
                .update();
    }

    public boolean inUse(long id) {
        return jdbc.sql("select count(*) from oncall_page where policy_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public void delete(long id) {
        jdbc.sql("delete from oncall_policy where id = ?").param(id).update();
    }

    public Optional<EscalationPolicy> find(String name) {
        return jdbc.sql("select * from oncall_policy where name = ?")
                .param(name)
                .query(this::policy)
                .optional();
    }

    public Optional<EscalationPolicy> find(long id) {
        return jdbc.sql("select * from oncall_policy where id = ?")
                .param(id)
                .query(this::policy)
                .optional();
    }

    public Optional<EscalationPolicy> teamDefault(long teamId) {
        return jdbc
                .sql("select * from oncall_policy where team_id = ? and team_default order by id")
                .param(teamId)
                .query(this::policy)
                .list()
                .stream()
                .findFirst();
    }

    public List<EscalationPolicy> all() {
        return jdbc.sql("select * from oncall_policy order by name")
                .query(this::policy)
                .list();
    }

    private EscalationPolicy policy(ResultSet rs, int row) throws SQLException {
        EscalationPolicy.Definition d = json.readValue(rs.getString("definition"), EscalationPolicy.Definition.class);
        return new EscalationPolicy(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getLong("team_id"),
                rs.getBoolean("team_default"),
                d.levels(),
                d.repeat(),
                d.routing(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }
}
