package dev.kintsugi.chaos;

import static dev.kintsugi.chaos.Columns.cut;
import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chaos tables of runs, their activities, the incidents they wrote on and the post-mortem they started (V50, V53, V54). Services are referred to by id: nothing here reads the catalog's tables. */
@Repository
class RunRepository {
    private final JdbcClient jdbc;
    private final ExperimentRepository experiments;

    RunRepository(JdbcClient jdbc, ExperimentRepository experiments) {
        this.jdbc = jdbc;
        this.experiments = experiments;
    }

    // ---- runs ----

    long insertRun(long experimentId, int number, boolean dry, String by, Instant now) {
        return insertRun(experimentId, number, dry, by, now, null);
    }

    /** A run in progress, owned by {@code owner} (the instance that executes it; null: nobody's). */
    long insertRun(long experimentId, int number, boolean dry, String by, Instant now, String owner) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_run (experiment_id, experiment_version, status, dry, started_by, started_at,
                            owner, alive_at)
                        values (?, ?, 'RUNNING', ?, ?, ?, ?, ?)""")
                .params(experimentId, number, dry, by, ts(now), owner, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The instance executing these runs is alive. */
    void alive(java.util.Collection<Long> runIds, String owner, Instant at) {
        if (runIds.isEmpty()) {
            return;
        }
        jdbc.sql("update chaos_run set alive_at = :at where owner = :owner and status = 'RUNNING' and id in (:ids)")
                .param("at", ts(at))
                .param("owner", owner)
                .param("ids", List.copyOf(runIds))
                .update();
    }

    /**
     * Runs marked in progress whose instance stopped saying it is alive before {@code staleBefore}; with {@code
     * unowned}, also those no instance owns (journaled before V57).
     */
    List<Long> orphanRunIds(Instant staleBefore, boolean unowned) {
        return jdbc.sql("""
                        select id from chaos_run where status = 'RUNNING'
                            and ((owner is not null and alive_at < ?) or (? and owner is null)) order by id""").params(ts(staleBefore), unowned).query(Long.class).list();
    }

    void finishRun(
            long id, RunStatus status, boolean deviated, Boolean recovered, String reason, String journal, Instant at) {
        jdbc.sql("""
                        update chaos_run set status = ?, deviated = ?, recovered = ?, stop_reason = coalesce(?, stop_reason),
                            journal = ?, ended_at = ? where id = ?""")
                .params(status.name(), deviated, recovered, reason, journal, ts(at), id)
                .update();
    }

    void stopReason(long id, String reason) {
        jdbc.sql("update chaos_run set stop_reason = ? where id = ? and stop_reason is null")
                .params(reason, id)
                .update();
    }

    private static final String RUN_SELECT =
            "select r.*, e.title from chaos_run r join chaos_experiment e on e.id = r.experiment_id";

    Optional<RunView> findRun(long id) {
        return jdbc.sql(RUN_SELECT + " where r.id = ?")
                .param(id)
                .query(this::run)
                .optional();
    }

    List<RunView> runsOf(long experimentId, int limit) {
        return jdbc.sql(RUN_SELECT + " where r.experiment_id = ? order by r.id desc limit ?")
                .params(experimentId, limit)
                .query(this::run)
                .list();
    }

    List<RunView> runsOfService(long serviceId, int limit) {
        return jdbc.sql(RUN_SELECT + """
                         where r.experiment_id in
                        (select experiment_id from chaos_experiment_service where service_id = ?)
                        order by r.id desc limit ?""")
                .params(serviceId, limit)
                .query(this::run)
                .list();
    }

    List<RunView> recentRuns(int limit) {
        return jdbc.sql(RUN_SELECT + " order by r.id desc limit ?")
                .param(limit)
                .query(this::run)
                .list();
    }

    List<RunView> runningRuns() {
        return jdbc.sql(RUN_SELECT + " where r.status = 'RUNNING' order by r.id")
                .query(this::run)
                .list();
    }

    /** Runs in progress on this service (through any experiment that targets it). */
    int runningOnService(long serviceId) {
        return jdbc.sql("""
                        select count(*) from chaos_run r join chaos_experiment_service s
                        on s.experiment_id = r.experiment_id where r.status = 'RUNNING' and s.service_id = ?""").param(serviceId).query(Integer.class).single();
    }

    Optional<String> journal(long runId) {
        return jdbc.sql("select journal from chaos_run where id = ?")
                .param(runId)
                .query(String.class)
                .optional();
    }

    private RunView run(ResultSet rs, int n) throws SQLException {
        Object recovered = rs.getObject("recovered");
        return new RunView(
                rs.getLong("id"),
                rs.getLong("experiment_id"),
                rs.getString("title"),
                rs.getInt("experiment_version"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getBoolean("dry"),
                rs.getBoolean("deviated"),
                recovered == null ? null : rs.getBoolean("recovered"),
                rs.getString("stop_reason"),
                rs.getString("started_by"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                experiments.serviceIds(rs.getLong("experiment_id")));
    }

    /** The steady-state probes of a service's last ended, non-dry runs, newest first. */
    List<RunScore> scoresOfService(long serviceId, int limit) {
        return scores("(select experiment_id from chaos_experiment_service where service_id = ?)", serviceId, limit);
    }

    List<RunScore> scoresOfExperiment(long experimentId, int limit) {
        return scores("(?)", experimentId, limit);
    }

    /**
     * A probe passes when it ran and met its tolerance: a probe that answered but missed the tolerance (the run
     * deviated) counts as failed, as LitmusChaos's probe success percentage does. {@code %s}: the runs' condition.
     */
    private static final String SCORES = """
            select r.id as run_id, r.ended_at as ended_at, e.weight as weight,
                   sum(case when a.status = 'succeeded' and (a.tolerance_met is null or a.tolerance_met)
                       then 1 else 0 end) as passed,
                   count(a.id) as total
            from chaos_run r join chaos_run_activity a on a.run_id = r.id
              join chaos_experiment e on e.id = r.experiment_id
            where a.section in ('hypothesis', 'recovery') and r.status <> 'RUNNING' and r.dry = false
              and %s
            group by r.id, r.ended_at, e.weight""";

    private List<RunScore> scores(String experiments, long id, int limit) {
        return jdbc.sql(SCORES.formatted("r.experiment_id in " + experiments) + " order by r.id desc limit ?")
                .params(id, limit)
                .query(RunRepository::score)
                .list();
    }

    /** An ended, non-dry run's score; empty while it runs, for a dry run, or without probes. */
    Optional<RunScore> scoreOfRun(long runId) {
        return jdbc.sql(SCORES.formatted("r.id = ?"))
                .param(runId)
                .query(RunRepository::score)
                .optional();
    }

    /**
     * The scored runs after {@code afterRunId}, oldest first, at most {@code limit}, each with the services its
     * experiment is on (a keyset page of every ended, non-dry run with probes).
     */
    List<ChaosRuns.ScoredRun> scoredRuns(long afterRunId, int limit) {
        List<ChaosRuns.ScoredRun> runs = jdbc.sql(SCORES.formatted("r.id > ?") + " order by r.id limit ?")
                .params(afterRunId, limit)
                .query((rs, n) ->
                        new ChaosRuns.ScoredRun(rs.getLong("run_id"), instant(rs, "ended_at"), Set.of(), score(rs, n)))
                .list();
        if (runs.isEmpty()) {
            return runs;
        }
        Map<Long, Set<Long>> services = new HashMap<>();
        jdbc.sql("""
                        select r.id as run_id, s.service_id from chaos_run r
                          join chaos_experiment_service s on s.experiment_id = r.experiment_id
                        where r.id in (:ids)""")
                .param("ids", runs.stream().map(ChaosRuns.ScoredRun::runId).toList())
                .query((rs, n) -> services.computeIfAbsent(rs.getLong("run_id"), k -> new java.util.HashSet<>())
                        .add(rs.getLong("service_id")))
                .list();
        return runs.stream()
                .map(r -> new ChaosRuns.ScoredRun(
                        r.runId(), r.endedAt(), Set.copyOf(services.getOrDefault(r.runId(), Set.of())), r.score()))
                .toList();
    }

    private static RunScore score(ResultSet rs, int n) throws SQLException {
        return new RunScore(rs.getLong("run_id"), rs.getInt("passed"), rs.getInt("total"), rs.getInt("weight"));
    }

    // ---- activities ----

    long insertActivity(long runId, String section, String name, String kind, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_run_activity (run_id, section, name, kind, status, started_at)
                        values (?, ?, ?, ?, 'running', ?)""").params(runId, section, cut(name, 300), kind, ts(at)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void finishActivity(long id, String status, Boolean toleranceMet, String output, Instant at) {
        jdbc.sql("update chaos_run_activity set status = ?, tolerance_met = ?, output = ?, ended_at = ? where id = ?")
                .params(cut(status, 20), toleranceMet, cut(output, 2000), ts(at), id)
                .update();
    }

    List<ActivityView> activities(long runId) {
        return jdbc.sql("select * from chaos_run_activity where run_id = ? order by id")
                .param(runId)
                .query((rs, n) -> new ActivityView(
                        rs.getLong("id"),
                        rs.getString("section"),
                        rs.getString("name"),
                        rs.getString("kind"),
                        rs.getString("status"),
                        (Boolean) rs.getObject("tolerance_met"),
                        rs.getString("output"),
                        instant(rs, "started_at"),
                        instant(rs, "ended_at"),
                        rs.getString("tolerance")))
                .list();
    }

    java.util.Optional<String> postmortemOf(long runId) {
        return jdbc.sql("select postmortem_key from chaos_run where id = ?")
                .param(runId)
                .query(String.class)
                .optional();
    }

    /** Links the run to its post-mortem once: 0 when it already has one. */
    int linkPostmortem(long runId, String key) {
        return jdbc.sql("update chaos_run set postmortem_key = ? where id = ? and postmortem_key is null")
                .params(cut(key, 20), runId)
                .update();
    }

    void probeChecked(long id, String tolerance, boolean met) {
        jdbc.sql("update chaos_run_activity set tolerance = ?, tolerance_met = ? where id = ?")
                .params(cut(tolerance, 500), met, id)
                .update();
    }

    // ---- incidents a run wrote on ----

    boolean linkIncident(long runId, String key) {
        return jdbc.sql("""
                        insert into chaos_run_incident (run_id, incident_key)
                        select ?, ? where not exists
                        (select 1 from chaos_run_incident where run_id = ? and incident_key = ?)""").params(runId, key, runId, key).update() > 0;
    }

    List<String> incidentsOf(long runId) {
        return jdbc.sql("select incident_key from chaos_run_incident where run_id = ? order by incident_key")
                .param(runId)
                .query(String.class)
                .list();
    }
}
