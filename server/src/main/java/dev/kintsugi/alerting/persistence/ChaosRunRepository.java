package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The chaos runs alerting heard of, while they are in progress. Start and finish are heard asynchronously and may
 * arrive in either order: each is an upsert that never undoes the other.
 */
@Repository
public class ChaosRunRepository {
    private final JdbcClient jdbc;

    public ChaosRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run as alerting knows it. */
    public record Run(long runId, long experimentId, String startedBy, Set<Long> serviceIds, Instant startedAt) {}

    public void started(long runId, long experimentId, String startedBy, Collection<Long> serviceIds, Instant at) {
        int updated = jdbc.sql("update alerting_chaos_run set started_by = ?, service_ids = ?, started_at = ?"
                        + " where run_id = ?")
                .params(startedBy, csv(serviceIds), ts(at), runId)
                .update();
        if (updated == 0) {
            insert(runId, experimentId, startedBy, serviceIds, at, null);
        }
    }

    public void finished(long runId, long experimentId, Collection<Long> serviceIds, Instant at) {
        int updated = jdbc.sql("update alerting_chaos_run set finished_at = ? where run_id = ?")
                .params(ts(at), runId)
                .update();
        if (updated == 0) {
            insert(runId, experimentId, null, serviceIds, at, at);
        }
    }

    private void insert(
            long runId, long experimentId, String by, Collection<Long> services, Instant start, Instant end) {
        try {
            jdbc.sql("insert into alerting_chaos_run (run_id, experiment_id, started_by, service_ids, started_at,"
                            + " finished_at) values (?, ?, ?, ?, ?, ?)")
                    .params(runId, experimentId, by, csv(services), ts(start), ts(end))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // the other listener inserted it meanwhile: its row is as good
        }
    }

    /** The run in progress at {@code at} on one of {@code serviceIds}, the most recently started first. */
    public Optional<Run> inProgress(Collection<Long> serviceIds, Instant at) {
        if (serviceIds.isEmpty()) {
            return Optional.empty();
        }
        List<Run> running = jdbc.sql("select * from alerting_chaos_run where started_at <= ?"
                        + " and (finished_at is null or finished_at >= ?) order by started_at desc, run_id desc")
                .params(ts(at), ts(at))
                .query((rs, n) -> new Run(
                        rs.getLong("run_id"),
                        rs.getLong("experiment_id"),
                        rs.getString("started_by"),
                        ids(rs.getString("service_ids")),
                        instant(rs, "started_at")))
                .list();
        return running.stream()
                .filter(r -> r.serviceIds().stream().anyMatch(serviceIds::contains))
                .findFirst();
    }

    /** Forgets runs finished before {@code before}. */
    public int forgetFinishedBefore(Instant before) {
        return jdbc.sql("delete from alerting_chaos_run where finished_at < ?")
                .param(ts(before))
                .update();
    }

    private static String csv(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Set<Long> ids(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .collect(Collectors.toSet());
    }
}
