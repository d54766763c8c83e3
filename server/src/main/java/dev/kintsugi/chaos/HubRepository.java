package dev.kintsugi.chaos;

import static dev.kintsugi.platform.Sql.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The teams' hub templates (V56); parameters as a JSON object of values. Teams are referred to by id. */
@Repository
class HubRepository {
    private final JdbcClient jdbc;

    HubRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row as stored. */
    record Row(
            long id,
            long teamId,
            String name,
            String description,
            String hypothesis,
            String fault,
            String parameters,
            String probePath,
            int expectedStatus,
            int weight,
            String createdBy,
            long version) {}

    long insert(Row r, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_hub_template (team_id, name, description, hypothesis, fault, parameters,
                            probe_path, expected_status, weight, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.teamId(),
                        r.name(),
                        r.description(),
                        r.hypothesis(),
                        r.fault(),
                        r.parameters(),
                        r.probePath(),
                        r.expectedStatus(),
                        r.weight(),
                        r.createdBy(),
                        ts(now),
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    int update(Row r, long version, Instant now) {
        return jdbc.sql("""
                        update chaos_hub_template set team_id = ?, name = ?, description = ?, hypothesis = ?,
                            fault = ?, parameters = ?, probe_path = ?, expected_status = ?, weight = ?,
                            updated_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        r.teamId(),
                        r.name(),
                        r.description(),
                        r.hypothesis(),
                        r.fault(),
                        r.parameters(),
                        r.probePath(),
                        r.expectedStatus(),
                        r.weight(),
                        ts(now),
                        r.id(),
                        version)
                .update();
    }

    int delete(long id, long version) {
        return jdbc.sql("delete from chaos_hub_template where id = ? and version = ?")
                .params(id, version)
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from chaos_hub_template where id = ?")
                .param(id)
                .query(HubRepository::row)
                .optional();
    }

    List<Row> all() {
        return jdbc.sql("select * from chaos_hub_template order by name, id")
                .query(HubRepository::row)
                .list();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getLong("team_id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("hypothesis"),
                rs.getString("fault"),
                rs.getString("parameters"),
                rs.getString("probe_path"),
                rs.getInt("expected_status"),
                rs.getInt("weight"),
                rs.getString("created_by"),
                rs.getLong("version"));
    }
}
