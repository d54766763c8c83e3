package dev.kintsugi.insights;

import static dev.kintsugi.insights.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Chaos Monkey's terminations in the read model ({@code insights_monkey_termination*}). */
@Repository
class MonkeyStore {
    private final JdbcClient jdbc;

    MonkeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one termination; the same termination delivered again (a republished event) is kept once. */
    void saveTermination(
            long terminationId, long serviceId, String kind, boolean leashed, Instant at, Collection<Long> teams) {
        boolean known = jdbc.sql("select count(*) from insights_monkey_termination where termination_id = ?")
                        .param(terminationId)
                        .query(Long.class)
                        .single()
                > 0;
        if (known) {
            return;
        }
        jdbc.sql("insert into insights_monkey_termination (termination_id, service_id, kind, leashed, occurred_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(terminationId, serviceId, kind, leashed, ts(at))
                .update();
        for (long t : teams) {
            jdbc.sql("insert into insights_monkey_termination_team (termination_id, team_id) values (?, ?)")
                    .params(terminationId, t)
                    .update();
        }
    }

    /** Terminations of one service in a period: carried out, and only recorded (leashed). */
    record ServiceTerminations(long serviceId, long carriedOut, long leashed) {}

    /** Per service, the terminations in {@code [from, to)}, of a team's services and of one service when given. */
    List<ServiceTerminations> perService(Instant from, Instant to, Long teamId, Long serviceId) {
        StringBuilder sql = new StringBuilder("select m.service_id,"
                + " sum(case when m.leashed then 0 else 1 end) as carried_out,"
                + " sum(case when m.leashed then 1 else 0 end) as leashed"
                + " from insights_monkey_termination m where m.occurred_at >= ? and m.occurred_at < ?");
        List<Object> params = new ArrayList<>(List.of(ts(from), ts(to)));
        if (serviceId != null) {
            sql.append(" and m.service_id = ?");
            params.add(serviceId);
        }
        if (teamId != null) {
            sql.append(" and exists (select 1 from insights_monkey_termination_team t where"
                    + " t.termination_id = m.termination_id and t.team_id = ?)");
            params.add(teamId);
        }
        sql.append(" group by m.service_id order by count(*) desc, m.service_id");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new ServiceTerminations(
                        rs.getLong("service_id"), rs.getLong("carried_out"), rs.getLong("leashed")))
                .list();
    }
}
