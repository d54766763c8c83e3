package dev.kintsugi.gameday;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The injects' table (V75, V76): what each is, when it fires, its claim (fired once) and its run. */
@Repository
class GameDayInjectRepository {
    private final JdbcClient jdbc;

    GameDayInjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pending scheduled inject of a running game day, with the moment that game day started. */
    record Due(long injectId, long gameDayId, Instant startedAt, int offsetMinutes) {
        Instant at() {
            return startedAt.plusSeconds(60L * offsetMinutes);
        }
    }

    long insert(long gameDayId, InjectDraft d, Long experimentId, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into gameday_inject (gameday_id, title, kind, experiment_id, body, offset_minutes,
                            status, created_by, fault, fault_service, fault_target_id, fault_parameters)
                        values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)""")
                .params(
                        gameDayId,
                        d.title(),
                        d.kind().name(),
                        experimentId,
                        d.body(),
                        d.offsetMinutes(),
                        by,
                        d.fault(),
                        d.service(),
                        d.targetId(),
                        values(d.parameters()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Replaces a pending inject (false once it fired or stopped, or when it is not this game day's). */
    boolean update(long gameDayId, long injectId, InjectDraft d, Long experimentId) {
        return jdbc.sql("""
                                update gameday_inject set title = ?, kind = ?, experiment_id = ?, body = ?,
                                    offset_minutes = ?, fault = ?, fault_service = ?, fault_target_id = ?,
                                    fault_parameters = ?
                                where id = ? and gameday_id = ? and status = 'PENDING'""")
                        .params(
                                d.title(),
                                d.kind().name(),
                                experimentId,
                                d.body(),
                                d.offsetMinutes(),
                                d.fault(),
                                d.service(),
                                d.targetId(),
                                values(d.parameters()),
                                injectId,
                                gameDayId)
                        .update()
                == 1;
    }

    /** Removes a pending inject (false once it fired or stopped). */
    boolean delete(long gameDayId, long injectId) {
        return jdbc.sql("delete from gameday_inject where id = ? and gameday_id = ? and status = 'PENDING'")
                        .params(injectId, gameDayId)
                        .update()
                == 1;
    }

    List<InjectView> of(long gameDayId) {
        return jdbc.sql(
                        "select * from gameday_inject where gameday_id = ? order by coalesce(offset_minutes, 100000), id")
                .params(gameDayId)
                .query(GameDayInjectRepository::inject)
                .list();
    }

    Optional<InjectView> find(long gameDayId, long injectId) {
        return jdbc.sql("select * from gameday_inject where gameday_id = ? and id = ?")
                .params(gameDayId, injectId)
                .query(GameDayInjectRepository::inject)
                .optional();
    }

    /** Claims a pending inject (once, whoever fires it). */
    boolean fire(long injectId, Instant at) {
        return jdbc.sql("update gameday_inject set status = 'FIRED', fired_at = ? where id = ? and status = 'PENDING'")
                        .params(ts(at), injectId)
                        .update()
                == 1;
    }

    void runOf(long injectId, long runId) {
        jdbc.sql("update gameday_inject set run_id = ? where id = ?")
                .params(runId, injectId)
                .update();
    }

    /** Stops the pending injects of a game day; returns their ids (their timers are cancelled). */
    List<Long> stopPending(long gameDayId) {
        List<Long> ids = jdbc.sql("select id from gameday_inject where gameday_id = ? and status = 'PENDING'")
                .params(gameDayId)
                .query(Long.class)
                .list();
        jdbc.sql("update gameday_inject set status = 'STOPPED' where gameday_id = ? and status = 'PENDING'")
                .params(gameDayId)
                .update();
        return ids;
    }

    Optional<Long> gameDayOf(long injectId) {
        return jdbc.sql("select gameday_id from gameday_inject where id = ?")
                .params(injectId)
                .query(Long.class)
                .optional();
    }

    /** Every pending scheduled inject of the running game days (their timers are checked at start-up). */
    List<Due> pendingScheduled() {
        return jdbc.sql("""
                        select i.id, i.gameday_id, g.started_at, i.offset_minutes from gameday_inject i
                        join gameday g on g.id = i.gameday_id
                        where g.status = 'RUNNING' and i.status = 'PENDING' and i.offset_minutes is not null
                        order by i.id""")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), instant(rs, "started_at"), rs.getInt(4)))
                .list();
    }

    private static InjectView inject(ResultSet rs, int n) throws SQLException {
        return new InjectView(
                rs.getLong("id"),
                rs.getString("title"),
                InjectKind.valueOf(rs.getString("kind")),
                rs.getObject("experiment_id", Long.class),
                rs.getString("body"),
                rs.getObject("offset_minutes", Integer.class),
                InjectStatus.valueOf(rs.getString("status")),
                instant(rs, "fired_at"),
                rs.getObject("run_id", Long.class),
                rs.getString("fault"),
                rs.getString("fault_service"),
                rs.getObject("fault_target_id", Long.class),
                values(rs.getString("fault_parameters")));
    }

    /** Parameter values as stored: {@code name=value,name=value}. */
    static String values(Map<String, Integer> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static Map<String, Integer> values(String stored) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (stored != null && !stored.isBlank()) {
            Arrays.stream(stored.split(",")).map(p -> p.split("=", 2)).forEach(p -> m.put(p[0], Integer.valueOf(p[1])));
        }
        return m;
    }
}
