package dev.kintsugi.insights;

import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.chaos.RunScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Chaos runs' scores in the read model ({@code insights_chaos_run*}), from which resilience scores are read. */
@Repository
class ChaosScoreStore {
    private final JdbcClient jdbc;

    ChaosScoreStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one run's score; the same run delivered again (a republished event) is kept once. */
    void save(RunScore score, Instant endedAt, Collection<Long> serviceIds) {
        boolean known = jdbc.sql("select count(*) from insights_chaos_run where run_id = ?")
                        .param(score.runId())
                        .query(Long.class)
                        .single()
                > 0;
        if (known) {
            return;
        }
        jdbc.sql("insert into insights_chaos_run (run_id, ended_at, passed, total, weight) values (?, ?, ?, ?, ?)")
                .params(score.runId(), ts(endedAt), score.passed(), score.total(), score.weight())
                .update();
        for (long s : serviceIds) {
            jdbc.sql("insert into insights_chaos_run_service (run_id, service_id) values (?, ?)")
                    .params(score.runId(), s)
                    .update();
        }
    }

    void clear() {
        jdbc.sql("delete from insights_chaos_run_service").update();
        jdbc.sql("delete from insights_chaos_run").update();
    }

    long count() {
        return jdbc.sql("select count(*) from insights_chaos_run")
                .query(Long.class)
                .single();
    }

    /** Per service, the scores of its last {@code limit} runs, newest first (one query). */
    Map<Long, List<RunScore>> lastScores(int limit) {
        Map<Long, List<RunScore>> byService = new HashMap<>();
        jdbc.sql("""
                        select service_id, run_id, passed, total, weight from (
                          select s.service_id, r.run_id, r.passed, r.total, r.weight,
                                 row_number() over (partition by s.service_id order by r.run_id desc) as n
                          from insights_chaos_run_service s join insights_chaos_run r on r.run_id = s.run_id) ranked
                        where n <= ? order by service_id, run_id desc""")
                .param(limit)
                .query((rs, i) -> byService
                        .computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>())
                        .add(new RunScore(
                                rs.getLong("run_id"), rs.getInt("passed"), rs.getInt("total"), rs.getInt("weight"))))
                .list();
        return byService;
    }
}
