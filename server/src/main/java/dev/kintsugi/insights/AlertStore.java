package dev.kintsugi.insights;

import static dev.kintsugi.insights.Sql.clip;
import static dev.kintsugi.insights.Sql.dbl;
import static dev.kintsugi.insights.Sql.instant;
import static dev.kintsugi.insights.Sql.lng;
import static dev.kintsugi.insights.Sql.ts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Alert groups in the read model ({@code insights_alert_group*}): kept from the alerting events, and their figures. */
@Repository
class AlertStore {
    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one trigger of an alert group. Events of one group may arrive in any order (listeners run in
     * parallel): the first and last trigger are the least and greatest seen, and the time to acknowledge is
     * computed again from them.
     */
    void alertTriggered(
            long groupId,
            String title,
            Long definitionId,
            Instant at,
            Collection<Long> teams,
            Collection<Long> services) {
        ensureAlertGroup(groupId, title, at, teams, services);
        jdbc.sql("update insights_alert_group set triggers = triggers + 1, first_at = least(first_at, ?),"
                        + " last_at = greatest(last_at, ?), definition_id = coalesce(?, definition_id)"
                        + " where group_id = ?")
                .params(ts(at), ts(at), definitionId, groupId)
                .update();
        recomputeAcknowledge(groupId);
    }

    /** The first acknowledgement counts (an acknowledgement may arrive before the trigger it follows). */
    void alertAcknowledged(long groupId, String title, Instant at, Collection<Long> teams, Collection<Long> services) {
        ensureAlertGroup(groupId, title, at, teams, services);
        jdbc.sql("update insights_alert_group set acknowledged_at = ? where group_id = ? and (acknowledged_at is null"
                        + " or acknowledged_at > ?)")
                .params(ts(at), groupId, ts(at))
                .update();
        recomputeAcknowledge(groupId);
    }

    private void ensureAlertGroup(
            long groupId, String title, Instant at, Collection<Long> teams, Collection<Long> services) {
        boolean exists = jdbc.sql("select count(*) from insights_alert_group where group_id = ?")
                        .param(groupId)
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            return;
        }
        jdbc.sql("insert into insights_alert_group (group_id, title, first_at, last_at, triggers)"
                        + " values (?, ?, ?, ?, 0)")
                .params(groupId, clip(title, 500), ts(at), ts(at))
                .update();
        for (long t : teams) {
            jdbc.sql("insert into insights_alert_group_team (group_id, team_id) values (?, ?)")
                    .params(groupId, t)
                    .update();
        }
        for (long s : services) {
            jdbc.sql("insert into insights_alert_group_service (group_id, service_id) values (?, ?)")
                    .params(groupId, s)
                    .update();
        }
    }

    private void recomputeAcknowledge(long groupId) {
        jdbc.sql("select first_at, acknowledged_at from insights_alert_group where group_id = ?")
                .param(groupId)
                .query((rs, n) -> IncidentRow.seconds(instant(rs, "first_at"), instant(rs, "acknowledged_at")))
                .optional()
                .ifPresent(seconds -> jdbc.sql("update insights_alert_group set acknowledge_s = ? where group_id = ?")
                        .params(seconds, groupId)
                        .update());
    }

    /** An alert group that fired in the period. */
    record AlertGroup(long groupId, String title, Long definitionId, int triggers, Long acknowledgeSeconds) {}

    List<AlertGroup> noisiest(Instant from, Instant to, int limit) {
        return jdbc.sql("select group_id, title, definition_id, triggers, acknowledge_s from insights_alert_group"
                        + " where last_at >= ? and first_at < ? order by triggers desc, group_id fetch first " + limit
                        + " rows only")
                .params(ts(from), ts(to))
                .query((rs, n) -> new AlertGroup(
                        rs.getLong("group_id"),
                        rs.getString("title"),
                        lng(rs, "definition_id"),
                        rs.getInt("triggers"),
                        lng(rs, "acknowledge_s")))
                .list();
    }

    /** Per team: alert groups, of which undocumented (no catalog definition), and time to acknowledge. */
    record TeamAlerts(
            long teamId, long groups, long undocumented, long acknowledged, Double meanAck, Double medianAck) {}

    List<TeamAlerts> alertsByTeam(Instant from, Instant to) {
        return jdbc.sql("select t.team_id, count(*) as n,"
                        + " sum(case when g.definition_id is null then 1 else 0 end) as undocumented,"
                        + " count(g.acknowledge_s) as acked, avg(cast(g.acknowledge_s as double precision)) as mean_ack,"
                        + " percentile_cont(0.5) within group (order by g.acknowledge_s) as p50_ack"
                        + " from insights_alert_group g join insights_alert_group_team t on t.group_id = g.group_id"
                        + " where g.last_at >= ? and g.first_at < ? group by t.team_id order by t.team_id")
                .params(ts(from), ts(to))
                .query((rs, n) -> new TeamAlerts(
                        rs.getLong("team_id"),
                        rs.getLong("n"),
                        rs.getLong("undocumented"),
                        rs.getLong("acked"),
                        dbl(rs, "mean_ack"),
                        dbl(rs, "p50_ack")))
                .list();
    }

    /** Alert definitions whose groups fired at least {@code min} times since {@code from}, with their services. */
    record Recurring(long definitionId, String title, long triggers, List<Long> serviceIds) {}

    List<Recurring> recurringAlerts(Instant from, int min) {
        return jdbc
                .sql("select g.definition_id, max(g.title) as title, sum(g.triggers) as n from insights_alert_group g"
                        + " where g.definition_id is not null and g.last_at >= ? group by g.definition_id"
                        + " having sum(g.triggers) >= ? order by n desc, g.definition_id")
                .params(ts(from), min)
                .query((rs, n) ->
                        new Recurring(rs.getLong("definition_id"), rs.getString("title"), rs.getLong("n"), List.of()))
                .list()
                .stream()
                .map(r -> new Recurring(
                        r.definitionId(),
                        r.title(),
                        r.triggers(),
                        jdbc.sql("select distinct s.service_id from insights_alert_group g join"
                                        + " insights_alert_group_service s on s.group_id = g.group_id where"
                                        + " g.definition_id = ? order by s.service_id")
                                .param(r.definitionId())
                                .query(Long.class)
                                .list()))
                .toList();
    }
}
