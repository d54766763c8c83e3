package dev.kintsugi.chaos;

import static dev.kintsugi.chaos.Columns.join;
import static dev.kintsugi.chaos.Columns.list;
import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chaos tables of the services' chaos targets and policies (V50). Services are referred to by id: nothing here reads the catalog's tables. */
@Repository
class TargetRepository {
    private final JdbcClient jdbc;

    TargetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                .query(TargetRepository::target)
                .list();
    }

    Optional<TargetView> target(long id) {
        return jdbc.sql("select * from chaos_target where id = ?")
                .param(id)
                .query(TargetRepository::target)
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
}
