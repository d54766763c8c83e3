package dev.kintsugi.gameday;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The gameday tables (V75). Services, experiments and runs are referred to by id, incidents by key. */
@Repository
class GameDayRepository {
    private final JdbcClient jdbc;

    GameDayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A game day's row as stored (visibility is applied by the facades). */
    record Row(
            long id,
            String title,
            String story,
            GameDayMode mode,
            GameDayStatus status,
            Instant startsAt,
            int durationMinutes,
            String environment,
            List<Long> serviceIds,
            String hypotheses,
            String objectives,
            boolean revealed,
            Instant startedAt,
            Instant endedAt,
            String postmortemKey,
            Long clonedFrom,
            String createdBy,
            Instant createdAt,
            long version) {}

    long insert(GameDayPlan p, List<Long> serviceIds, Long clonedFrom, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into gameday (title, story, mode, status, starts_at, duration_minutes, environment,
                            service_ids, hypotheses, objectives, cloned_from, created_by, created_at)
                        values (?, ?, ?, 'PLANNED', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        p.title(),
                        p.story(),
                        p.mode().name(),
                        ts(p.startsAt()),
                        p.durationMinutes(),
                        p.environment(),
                        ids(serviceIds),
                        p.hypotheses(),
                        p.objectives(),
                        clonedFrom,
                        by,
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Guarded by the version read: false when someone else wrote first. */
    boolean updatePlan(long id, long version, GameDayPlan p, List<Long> serviceIds) {
        return jdbc.sql("""
                        update gameday set title = ?, story = ?, mode = ?, starts_at = ?, duration_minutes = ?,
                            environment = ?, service_ids = ?, hypotheses = ?, objectives = ?, version = version + 1
                        where id = ? and version = ?""")
                        .params(
                                p.title(),
                                p.story(),
                                p.mode().name(),
                                ts(p.startsAt()),
                                p.durationMinutes(),
                                p.environment(),
                                ids(serviceIds),
                                p.hypotheses(),
                                p.objectives(),
                                id,
                                version)
                        .update()
                == 1;
    }

    boolean move(long id, long version, GameDayStatus from, GameDayStatus to, Instant at) {
        String column = to == GameDayStatus.RUNNING ? "started_at" : "ended_at";
        return jdbc.sql("update gameday set status = ?, " + column
                                + " = ?, version = version + 1 where id = ? and version = ? and status = ?")
                        .params(to.name(), ts(at), id, version, from.name())
                        .update()
                == 1;
    }

    boolean reveal(long id, long version) {
        return jdbc.sql("update gameday set revealed = true, version = version + 1 where id = ? and version = ?")
                        .params(id, version)
                        .update()
                == 1;
    }

    /** Moves the version on (a change to the game day's parts: participants, injects, checks). */
    void touch(long id) {
        jdbc.sql("update gameday set version = version + 1 where id = ?")
                .params(id)
                .update();
    }

    boolean linkPostmortem(long id, String key) {
        return jdbc.sql(
                                "update gameday set postmortem_key = ?, version = version + 1 where id = ? and postmortem_key is null")
                        .params(key, id)
                        .update()
                == 1;
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from gameday where id = ?")
                .params(id)
                .query(GameDayRepository::row)
                .optional();
    }

    List<Row> list(int limit) {
        return jdbc.sql("select * from gameday order by starts_at desc, id desc limit ?")
                .params(limit)
                .query(GameDayRepository::row)
                .list();
    }

    List<Row> ofStatus(GameDayStatus status) {
        return jdbc.sql("select * from gameday where status = ? order by id")
                .params(status.name())
                .query(GameDayRepository::row)
                .list();
    }

    // ---- teams and participants ----

    long insertTeam(long gameDayId, String name) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into gameday_team (gameday_id, name) values (?, ?)")
                .params(gameDayId, name)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<TeamView> teams(long gameDayId) {
        return jdbc.sql("select id, name from gameday_team where gameday_id = ? order by id")
                .params(gameDayId)
                .query((rs, n) -> new TeamView(rs.getLong("id"), rs.getString("name")))
                .list();
    }

    void putParticipant(long gameDayId, String username, GameDayRole role, Long teamId) {
        jdbc.sql("delete from gameday_participant where gameday_id = ? and username = ?")
                .params(gameDayId, username)
                .update();
        jdbc.sql("insert into gameday_participant (gameday_id, username, role, team_id) values (?, ?, ?, ?)")
                .params(gameDayId, username, role.name(), teamId)
                .update();
    }

    boolean removeParticipant(long gameDayId, String username) {
        return jdbc.sql("delete from gameday_participant where gameday_id = ? and username = ?")
                        .params(gameDayId, username)
                        .update()
                == 1;
    }

    List<ParticipantView> participants(long gameDayId) {
        return jdbc.sql("""
                        select p.username, p.role, p.team_id, t.name from gameday_participant p
                        left join gameday_team t on t.id = p.team_id
                        where p.gameday_id = ? order by p.role, p.username""")
                .params(gameDayId)
                .query((rs, n) -> new ParticipantView(
                        rs.getString(1),
                        GameDayRole.valueOf(rs.getString(2)),
                        (Long) rs.getObject(3, Long.class),
                        rs.getString(4)))
                .list();
    }

    // ---- response ----

    long insertResponse(
            long gameDayId, long teamId, ResponseKind kind, String body, String incidentKey, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into gameday_response (gameday_id, team_id, kind, body, incident_key, author, at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(gameDayId, teamId, kind.name(), body, incidentKey, by, ts(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    boolean verdict(long gameDayId, long responseId, String verdict) {
        return jdbc.sql("""
                                update gameday_response set verdict = ?
                                where id = ? and gameday_id = ? and kind = 'DIAGNOSIS' and verdict is null""").params(verdict, responseId, gameDayId).update() == 1;
    }

    List<ResponseView> responses(long gameDayId) {
        return jdbc.sql("select * from gameday_response where gameday_id = ? order by at, id")
                .params(gameDayId)
                .query((rs, n) -> new ResponseView(
                        rs.getLong("id"),
                        rs.getLong("team_id"),
                        ResponseKind.valueOf(rs.getString("kind")),
                        rs.getString("body"),
                        rs.getString("incident_key"),
                        rs.getString("verdict"),
                        rs.getString("author"),
                        instant(rs, "at")))
                .list();
    }

    // ---- readiness ----

    boolean tick(long gameDayId, Readiness item, String by, Instant at) {
        return jdbc.sql("""
                                insert into gameday_check (gameday_id, item, ticked_by, ticked_at)
                                select ?, ?, ?, ? from (values (1)) v(x)
                                where not exists (select 1 from gameday_check where gameday_id = ? and item = ?)""")
                        .params(gameDayId, item.name(), by, ts(at), gameDayId, item.name())
                        .update()
                == 1;
    }

    List<CheckView> checks(long gameDayId) {
        var done = jdbc
                .sql("select item, ticked_by, ticked_at from gameday_check where gameday_id = ?")
                .params(gameDayId)
                .query((rs, n) ->
                        new CheckView(Readiness.valueOf(rs.getString(1)), rs.getString(2), instant(rs, "ticked_at")))
                .list()
                .stream()
                .collect(Collectors.toMap(CheckView::item, c -> c));
        return Arrays.stream(Readiness.values())
                .map(r -> done.getOrDefault(r, new CheckView(r, null, null)))
                .toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String services = rs.getString("service_ids");
        List<Long> ids = services == null || services.isBlank()
                ? List.of()
                : Arrays.stream(services.split(",")).map(Long::valueOf).toList();
        return new Row(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("story"),
                GameDayMode.valueOf(rs.getString("mode")),
                GameDayStatus.valueOf(rs.getString("status")),
                instant(rs, "starts_at"),
                rs.getInt("duration_minutes"),
                rs.getString("environment"),
                ids,
                rs.getString("hypotheses"),
                rs.getString("objectives"),
                rs.getBoolean("revealed"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                rs.getString("postmortem_key"),
                rs.getObject("cloned_from", Long.class),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
