package dev.kintsugi.chaos;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chaos tables (V50). Services are referred to by id: nothing here reads the catalog's tables. */
@Repository
class ChaosRepository {
    private final JdbcClient jdbc;

    ChaosRepository(JdbcClient jdbc) {
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
                .query(ChaosRepository::experiment)
                .optional();
    }

    List<ExperimentRow> experiments() {
        return jdbc.sql(EXPERIMENT_SELECT + " order by e.title, e.id")
                .query(ChaosRepository::experiment)
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

    // ---- runs ----

    long insertRun(long experimentId, int number, boolean dry, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_run (experiment_id, experiment_version, status, dry, started_by, started_at)
                        values (?, ?, 'RUNNING', ?, ?, ?)""").params(experimentId, number, dry, by, ts(now)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
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
                serviceIds(rs.getLong("experiment_id")));
    }

    /** The steady-state probes of a service's last ended, non-dry runs, newest first. */
    List<RunScore> scoresOfService(long serviceId, int limit) {
        return jdbc.sql("""
                        select r.id as run_id, e.weight as weight,
                               sum(case when a.status = 'succeeded' then 1 else 0 end) as passed,
                               count(a.id) as total
                        from chaos_run r join chaos_run_activity a on a.run_id = r.id
                          join chaos_experiment e on e.id = r.experiment_id
                        where a.section in ('hypothesis', 'recovery') and r.status <> 'RUNNING' and r.dry = false
                          and r.experiment_id in
                              (select experiment_id from chaos_experiment_service where service_id = ?)
                        group by r.id, e.weight order by r.id desc limit ?""")
                .params(serviceId, limit)
                .query(ChaosRepository::score)
                .list();
    }

    List<RunScore> scoresOfExperiment(long experimentId, int limit) {
        return jdbc.sql("""
                        select r.id as run_id, e.weight as weight,
                               sum(case when a.status = 'succeeded' then 1 else 0 end) as passed,
                               count(a.id) as total
                        from chaos_run r join chaos_run_activity a on a.run_id = r.id
                          join chaos_experiment e on e.id = r.experiment_id
                        where a.section in ('hypothesis', 'recovery') and r.status <> 'RUNNING' and r.dry = false
                          and r.experiment_id = ?
                        group by r.id, e.weight order by r.id desc limit ?""")
                .params(experimentId, limit)
                .query(ChaosRepository::score)
                .list();
    }

    private static RunScore score(ResultSet rs, int n) throws SQLException {
        return new RunScore(rs.getLong("run_id"), rs.getInt("passed"), rs.getInt("total"), rs.getInt("weight"));
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

    // ---- faults ----

    long insertFault(
            long runId,
            String kind,
            String apiUrl,
            String proxy,
            String toxic,
            String description,
            Instant now,
            String key,
            String record) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_fault (run_id, kind, api_url, proxy, toxic, description, status, journaled_at,
                            fault_key, record)
                        values (?, ?, ?, ?, ?, ?, 'INJECTING', ?, ?, ?)""")
                .params(
                        runId,
                        cut(kind, 40),
                        cut(apiUrl, 2000),
                        cut(proxy, 200),
                        cut(toxic, 200),
                        cut(description, 500),
                        ts(now),
                        cut(key, 1000),
                        record)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void faultLease(long id, Instant leaseUntil) {
        jdbc.sql("update chaos_fault set lease_until = ? where id = ?")
                .params(ts(leaseUntil), id)
                .update();
    }

    void faultError(long id, String error) {
        jdbc.sql("update chaos_fault set error = ? where id = ?")
                .params(cut(error, 1000), id)
                .update();
    }

    /** The engine's record of a fault (null for rows journaled before V52). */
    Optional<String> faultRecord(long id) {
        return jdbc.sql("select record from chaos_fault where id = ? and record is not null")
                .param(id)
                .query(String.class)
                .optional();
    }

    void faultInPlace(long id, Instant leaseUntil) {
        jdbc.sql("update chaos_fault set status = 'IN_PLACE', lease_until = ? where id = ? and status = 'INJECTING'")
                .params(ts(leaseUntil), id)
                .update();
    }

    /** Marks a fault reverted or failed; 0 rows when it was no longer in place (someone else reverted it). */
    int faultReverted(long id, boolean ok, String error, Instant at) {
        return jdbc.sql("""
                        update chaos_fault set status = ?, reverted_at = ?, error = ?
                        where id = ? and status in ('INJECTING', 'IN_PLACE', 'REVERT_FAILED')""")
                .params(ok ? "REVERTED" : "REVERT_FAILED", ok ? ts(at) : null, cut(error, 1000), id)
                .update();
    }

    int resolveFault(long id, String by, Instant at) {
        return jdbc.sql("""
                        update chaos_fault set status = 'RESOLVED', resolved_by = ?, reverted_at = ?
                        where id = ? and status = 'REVERT_FAILED'""").params(by, ts(at), id).update();
    }

    private static final String FAULT_SELECT = "select * from chaos_fault";

    List<FaultView> faultsOf(long runId) {
        return jdbc.sql(FAULT_SELECT + " where run_id = ? order by id")
                .param(runId)
                .query(ChaosRepository::fault)
                .list();
    }

    Optional<FaultView> fault(long id) {
        return jdbc.sql(FAULT_SELECT + " where id = ?")
                .param(id)
                .query(ChaosRepository::fault)
                .optional();
    }

    List<FaultView> faultsWithStatus(FaultStatus... statuses) {
        return jdbc.sql(FAULT_SELECT + " where status in (:s) order by id")
                .param("s", Arrays.stream(statuses).map(Enum::name).toList())
                .query(ChaosRepository::fault)
                .list();
    }

    private static FaultView fault(ResultSet rs, int n) throws SQLException {
        return new FaultView(
                rs.getLong("id"),
                rs.getLong("run_id"),
                rs.getString("kind"),
                rs.getString("api_url"),
                rs.getString("proxy"),
                rs.getString("toxic"),
                rs.getString("description"),
                FaultStatus.valueOf(rs.getString("status")),
                instant(rs, "journaled_at"),
                instant(rs, "lease_until"),
                instant(rs, "reverted_at"),
                rs.getString("error"));
    }

    // ---- kill switch ----

    KillSwitchState killSwitch() {
        return jdbc.sql("select * from chaos_kill_switch where id = 1")
                .query((rs, n) -> new KillSwitchState(
                        rs.getBoolean("engaged"),
                        rs.getString("changed_by"),
                        instant(rs, "changed_at"),
                        rs.getString("reason"),
                        rs.getLong("version")))
                .single();
    }

    int setKillSwitch(boolean engaged, String by, String reason, Instant at, long version) {
        return jdbc.sql("""
                        update chaos_kill_switch set engaged = ?, changed_by = ?, reason = ?, changed_at = ?,
                            version = version + 1 where id = 1 and version = ?""").params(engaged, by, reason, ts(at), version).update();
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

    // ---- targets and policy ----

    long insertTarget(long serviceId, TargetDraft d, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_target (service_id, kind, name, url, proxies, namespace, labels, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        serviceId,
                        d.kind().name(),
                        d.name(),
                        d.url(),
                        d.proxies() == null || d.proxies().isEmpty() ? null : String.join(",", d.proxies()),
                        d.namespace(),
                        d.labels(),
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    int deleteTarget(long serviceId, long id) {
        return jdbc.sql("delete from chaos_target where service_id = ? and id = ?")
                .params(serviceId, id)
                .update();
    }

    List<TargetView> targets(long serviceId) {
        return jdbc.sql("select * from chaos_target where service_id = ? order by name")
                .param(serviceId)
                .query(ChaosRepository::target)
                .list();
    }

    Optional<TargetView> target(long id) {
        return jdbc.sql("select * from chaos_target where id = ?")
                .param(id)
                .query(ChaosRepository::target)
                .optional();
    }

    private static TargetView target(ResultSet rs, int n) throws SQLException {
        return new TargetView(
                rs.getLong("id"),
                rs.getLong("service_id"),
                TargetKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("url"),
                list(rs.getString("proxies")),
                rs.getString("namespace"),
                rs.getString("labels"),
                instant(rs, "created_at"));
    }

    Optional<ServicePolicy> policy(long serviceId) {
        return jdbc.sql("select * from chaos_service_policy where service_id = ?")
                .param(serviceId)
                .query((rs, n) -> new ServicePolicy(
                        rs.getLong("service_id"),
                        list(rs.getString("allowed_namespaces")),
                        list(rs.getString("allowed_hosts")),
                        list(rs.getString("allowed_proxies")),
                        rs.getInt("max_concurrent_runs"),
                        rs.getInt("max_pod_percent"),
                        list(rs.getString("window_days")),
                        rs.getString("window_start"),
                        rs.getString("window_end"),
                        rs.getString("window_zone"),
                        rs.getLong("version")))
                .optional();
    }

    void insertPolicy(ServicePolicy p) {
        jdbc.sql("""
                        insert into chaos_service_policy (service_id, allowed_namespaces, allowed_hosts, allowed_proxies,
                            max_concurrent_runs, max_pod_percent, window_days, window_start, window_end, window_zone,
                            version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""").params(policyParams(p)).update();
    }

    int updatePolicy(ServicePolicy p, long version) {
        Object[] params = policyParams(p);
        Object[] withKey = Arrays.copyOf(params, params.length + 1);
        System.arraycopy(params, 1, withKey, 0, params.length - 1);
        withKey[params.length - 1] = p.serviceId();
        withKey[params.length] = version;
        return jdbc.sql("""
                        update chaos_service_policy set allowed_namespaces = ?, allowed_hosts = ?, allowed_proxies = ?,
                            max_concurrent_runs = ?, max_pod_percent = ?, window_days = ?, window_start = ?,
                            window_end = ?, window_zone = ?, version = version + 1
                        where service_id = ? and version = ?""").params(withKey).update();
    }

    private static Object[] policyParams(ServicePolicy p) {
        return new Object[] {
            p.serviceId(),
            join(p.allowedNamespaces()),
            join(p.allowedHosts()),
            join(p.allowedProxies()),
            p.maxConcurrentRuns(),
            p.maxPodPercent(),
            join(p.windowDays()),
            p.windowStart(),
            p.windowEnd(),
            p.windowZone()
        };
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    static List<String> list(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
