package dev.kintsugi.chaos;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chaos tables of experiments and their versions, services, schedule and weight (V50, V55). Services are referred to by id: nothing here reads the catalog's tables. */
@Repository
class ExperimentRepository {
    private final JdbcClient jdbc;

    ExperimentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- experiments ----

    long insertExperiment(String title, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_experiment (title, current_version, created_by, created_at, updated_at)
                        values (?, 1, ?, ?, ?)""").params(title, by, ts(now), ts(now)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertVersion(long experimentId, int number, String definition, String by, Instant now) {
        jdbc.sql("""
                        insert into chaos_experiment_version (experiment_id, number, definition, created_by, created_at)
                        values (?, ?, ?, ?, ?)""").params(experimentId, number, definition, by, ts(now)).update();
    }

    int bumpExperiment(long id, long version, String title, int number, Instant now) {
        return jdbc.sql("""
                        update chaos_experiment set title = ?, current_version = ?, updated_at = ?,
                            version = version + 1 where id = ? and version = ?""").params(title, number, ts(now), id, version).update();
    }

    void replaceServices(long experimentId, Collection<Long> serviceIds) {
        jdbc.sql("delete from chaos_experiment_service where experiment_id = ?")
                .param(experimentId)
                .update();
        for (long s : serviceIds) {
            jdbc.sql("insert into chaos_experiment_service (experiment_id, service_id) values (?, ?)")
                    .params(experimentId, s)
                    .update();
        }
    }

    record ExperimentRow(
            long id,
            String title,
            int currentVersion,
            String definition,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    private static final String EXPERIMENT_SELECT = """
            select e.*, v.definition from chaos_experiment e
            join chaos_experiment_version v on v.experiment_id = e.id and v.number = e.current_version""";

    Optional<ExperimentRow> findExperiment(long id) {
        return jdbc.sql(EXPERIMENT_SELECT + " where e.id = ?")
                .param(id)
                .query(ExperimentRepository::experiment)
                .optional();
    }

    List<ExperimentRow> experiments() {
        return jdbc.sql(EXPERIMENT_SELECT + " order by e.title, e.id")
                .query(ExperimentRepository::experiment)
                .list();
    }

    List<Long> experimentsOfService(long serviceId) {
        return jdbc.sql("select experiment_id from chaos_experiment_service where service_id = ?")
                .param(serviceId)
                .query(Long.class)
                .list();
    }

    private static ExperimentRow experiment(ResultSet rs, int n) throws SQLException {
        return new ExperimentRow(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getInt("current_version"),
                rs.getString("definition"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    List<Long> serviceIds(long experimentId) {
        return jdbc.sql("select service_id from chaos_experiment_service where experiment_id = ? order by service_id")
                .param(experimentId)
                .query(Long.class)
                .list();
    }

    Optional<String> definition(long experimentId, int number) {
        return jdbc.sql("select definition from chaos_experiment_version where experiment_id = ? and number = ?")
                .params(experimentId, number)
                .query(String.class)
                .optional();
    }

    List<ExperimentVersionView> versions(long experimentId) {
        return jdbc.sql("""
                        select number, created_by, created_at from chaos_experiment_version
                        where experiment_id = ? order by number desc""")
                .param(experimentId)
                .query((rs, n) -> new ExperimentVersionView(
                        rs.getInt("number"), rs.getString("created_by"), instant(rs, "created_at")))
                .list();
    }

    // ---- schedules ----

    record Schedule(long experimentId, String cron, Instant lastScheduledAt, Instant createdAt) {}

    int setCron(long id, long version, String cron, Instant now) {
        return jdbc.sql("""
                        update chaos_experiment set cron = ?, last_scheduled_at = ?, updated_at = ?,
                            version = version + 1 where id = ? and version = ?""").params(cron, ts(now), ts(now), id, version).update();
    }

    List<Schedule> schedules() {
        return jdbc.sql("select id, cron, last_scheduled_at, created_at from chaos_experiment where cron is not null")
                .query((rs, n) -> new Schedule(
                        rs.getLong("id"),
                        rs.getString("cron"),
                        instant(rs, "last_scheduled_at"),
                        instant(rs, "created_at")))
                .list();
    }

    /** Claims one firing: only the instance whose update matches what it read wins. */
    boolean claimSchedule(long id, Instant seen, Instant firing) {
        return (seen == null
                                ? jdbc.sql(
                                                "update chaos_experiment set last_scheduled_at = ? where id = ? and last_scheduled_at is null")
                                        .params(ts(firing), id)
                                : jdbc.sql(
                                                "update chaos_experiment set last_scheduled_at = ? where id = ? and last_scheduled_at = ?")
                                        .params(ts(firing), id, ts(seen)))
                        .update()
                == 1;
    }

    Optional<String> cron(long id) {
        return jdbc.sql("select cron from chaos_experiment where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    int weightOf(long experimentId) {
        return jdbc.sql("select weight from chaos_experiment where id = ?")
                .param(experimentId)
                .query(Integer.class)
                .single();
    }

    int setWeight(long id, long version, int weight, Instant now) {
        return jdbc.sql(
                        "update chaos_experiment set weight = ?, updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(weight, ts(now), id, version)
                .update();
    }
}
