package dev.kintsugi.chaos;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The Chaos Monkey's tables (V58): configurations, planned days, planned terminations and what each did. */
@Repository
class MonkeyRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    MonkeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MonkeySettings> settings(long serviceId) {
        return jdbc.sql("select settings, version from chaos_monkey_config where service_id = ?")
                .param(serviceId)
                .query((rs, n) ->
                        read(rs.getString("settings")).withServiceAndVersion(serviceId, rs.getLong("version")))
                .optional();
    }

    List<MonkeySettings> enabled() {
        return jdbc.sql("select service_id, settings, version from chaos_monkey_config where enabled = true")
                .query((rs, n) -> read(rs.getString("settings"))
                        .withServiceAndVersion(rs.getLong("service_id"), rs.getLong("version")))
                .list();
    }

    /** Inserts (expected version 0, none yet) or updates guarded by the version; false when it moved. */
    boolean save(MonkeySettings s, long expectedVersion, Instant now) {
        String json = JSON.writeValueAsString(s.withServiceAndVersion(s.serviceId(), 0));
        if (expectedVersion == 0) {
            try {
                return jdbc.sql("""
                                insert into chaos_monkey_config (service_id, enabled, settings, version, updated_at)
                                values (?, ?, ?, 1, ?)""")
                                .params(s.serviceId(), s.enabled(), json, ts(now))
                                .update()
                        == 1;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        return jdbc.sql("""
                        update chaos_monkey_config set enabled = ?, settings = ?, version = version + 1, updated_at = ?
                        where service_id = ? and version = ?""")
                        .params(s.enabled(), json, ts(now), s.serviceId(), expectedVersion)
                        .update()
                == 1;
    }

    private static MonkeySettings read(String json) {
        return JSON.readValue(json, MonkeySettings.class);
    }

    /** Claims the planning of a service's local day; false when it was planned already (here or elsewhere). */
    boolean claimDay(long serviceId, LocalDate day, Instant now) {
        try {
            return jdbc.sql("insert into chaos_monkey_day (service_id, local_day, planned_at) values (?, ?, ?)")
                            .params(serviceId, day, ts(now))
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    long insertPlan(long serviceId, LocalDate day, String group, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_monkey_plan (service_id, local_day, group_key, planned_for, status)
                        values (?, ?, ?, ?, 'PLANNED')""").params(serviceId, day, group, ts(at)).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<MonkeyPlanEntry> plan(long serviceId, LocalDate day) {
        return jdbc.sql(
                        "select * from chaos_monkey_plan where service_id = ? and local_day = ? order by planned_for, id")
                .params(serviceId, day)
                .query(MonkeyRepository::entry)
                .list();
    }

    Optional<MonkeyPlanEntry> planEntry(long id) {
        return jdbc.sql("select * from chaos_monkey_plan where id = ?")
                .param(id)
                .query(MonkeyRepository::entry)
                .optional();
    }

    /** Planned entries whose time has come and that are still waiting (a lost timer's safety net). */
    List<MonkeyPlanEntry> due(Instant now) {
        return jdbc.sql("select * from chaos_monkey_plan where status = 'PLANNED' and planned_for <= ? order by id")
                .param(ts(now))
                .query(MonkeyRepository::entry)
                .list();
    }

    boolean claimPlan(long id) {
        return jdbc.sql("update chaos_monkey_plan set status = 'RUNNING' where id = ? and status = 'PLANNED'")
                        .param(id)
                        .update()
                == 1;
    }

    void planDone(long id) {
        jdbc.sql("update chaos_monkey_plan set status = 'DONE' where id = ?")
                .param(id)
                .update();
    }

    long insertRecord(MonkeyRecord r) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_monkey_termination (plan_id, service_id, group_key, occurred_at, leashed,
                            termination, target, outcome, reason, reason_args, incident_key, effect_until)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.planId(),
                        r.serviceId(),
                        r.group(),
                        ts(r.occurredAt()),
                        r.leashed(),
                        r.termination().name(),
                        cut(r.target(), 1000),
                        r.outcome(),
                        cut(r.reason(), 200),
                        cut(String.join(SEP, r.reasonArgs()), 2000),
                        r.incidentKey(),
                        r.effectUntil() == null ? null : ts(r.effectUntil()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void incidentOpened(long recordId, String key) {
        jdbc.sql("update chaos_monkey_termination set incident_key = ? where id = ?")
                .params(key, recordId)
                .update();
    }

    Optional<MonkeyRecord> record(long id) {
        return jdbc.sql("select * from chaos_monkey_termination where id = ?")
                .param(id)
                .query(MonkeyRepository::record)
                .optional();
    }

    List<MonkeyRecord> history(long serviceId, int limit) {
        return jdbc
                .sql("select * from chaos_monkey_termination where service_id = ? order by occurred_at desc, id desc")
                .param(serviceId)
                .query(MonkeyRepository::record)
                .stream()
                .limit(limit)
                .toList();
    }

    /** The local date of each group's last termination (done or leashed), in the service's zone. */
    Optional<Instant> lastTermination(long serviceId, String group) {
        return jdbc.sql("""
                        select max(occurred_at) as at from chaos_monkey_termination
                        where service_id = ? and group_key = ? and outcome in ('TERMINATED', 'LEASHED')""")
                .params(serviceId, group)
                .query((rs, n) -> Optional.ofNullable(instant(rs, "at")))
                .single();
    }

    private static MonkeyPlanEntry entry(ResultSet rs, int n) throws SQLException {
        return new MonkeyPlanEntry(
                rs.getLong("id"),
                rs.getLong("service_id"),
                rs.getObject("local_day", LocalDate.class),
                rs.getString("group_key"),
                instant(rs, "planned_for"),
                rs.getString("status"));
    }

    private static MonkeyRecord record(ResultSet rs, int n) throws SQLException {
        long plan = rs.getLong("plan_id");
        return new MonkeyRecord(
                rs.getLong("id"),
                rs.wasNull() ? null : plan,
                rs.getLong("service_id"),
                rs.getString("group_key"),
                instant(rs, "occurred_at"),
                rs.getBoolean("leashed"),
                MonkeyTermination.valueOf(rs.getString("termination")),
                rs.getString("target"),
                rs.getString("outcome"),
                rs.getString("reason"),
                args(rs.getString("reason_args")),
                rs.getString("incident_key"),
                instant(rs, "effect_until"));
    }

    /** The latest termination carried out on one of {@code serviceIds} whose effect lasts at {@code at}. */
    Optional<MonkeyRecord> inEffect(java.util.Collection<Long> serviceIds, Instant at) {
        if (serviceIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select * from chaos_monkey_termination
                        where outcome = 'TERMINATED' and service_id in (:ids)
                          and occurred_at <= :at and effect_until > :at
                        order by occurred_at desc, id desc""").param("ids", serviceIds).param("at", ts(at)).query(MonkeyRepository::record).stream()
                .findFirst();
    }

    private static final String SEP = "\u001f";

    private static List<String> args(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(SEP, -1));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
