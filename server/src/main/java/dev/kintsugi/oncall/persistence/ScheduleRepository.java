package dev.kintsugi.oncall.persistence;

import dev.kintsugi.oncall.Rotation;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.ScheduleOverride;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Schedules (their rotations as one JSON document) and their overrides. */
@Repository
public class ScheduleRepository {
    private static final TypeReference<List<Rotation>> ROTATIONS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ScheduleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(
            String name, String displayName, long teamId, ZoneId zone, List<Rotation> rotations, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_schedule (name, display_name, team_id, time_zone, definition, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        name,
                        displayName,
                        teamId,
                        zone.getId(),
                        json.writeValueAsString(rotations),
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves a schedule read at {@code version}; 0 rows when someone else saved it meanwhile. */
    public int update(
            long id,
            long version,
            String name,
            String displayName,
            long teamId,
            ZoneId zone,
            List<Rotation> rotations) {
        return jdbc.sql("""
                        update oncall_schedule set name = ?, display_name = ?, team_id = ?, time_zone = ?, definition = ?,
                            version = version + 1 where id = ? and version = ?""")
                .params(name, displayName, teamId, zone.getId(), json.writeValueAsString(rotations), id, version)
                .update();
    }

    public int bumpFeedEpoch(long id, long version) {
        return jdbc.sql("update oncall_schedule set feed_epoch = feed_epoch + 1, version = version + 1"
                        + " where id = ? and version = ?")
                .params(id, version)
                .update();
    }

    public void delete(long id) {
        jdbc.sql("delete from oncall_override where schedule_id = ?").param(id).update();
        jdbc.sql("delete from oncall_schedule where id = ?").param(id).update();
    }

    public Optional<Schedule> find(String name) {
        return jdbc.sql("select * from oncall_schedule where name = ?")
                .param(name)
                .query(this::schedule)
                .optional();
    }

    public Optional<Schedule> find(long id) {
        return jdbc.sql("select * from oncall_schedule where id = ?")
                .param(id)
                .query(this::schedule)
                .optional();
    }

    public List<Schedule> all() {
        return jdbc.sql("select * from oncall_schedule order by name")
                .query(this::schedule)
                .list();
    }

    public List<Schedule> ofTeams(List<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from oncall_schedule where team_id in (:ids) order by name")
                .param("ids", teamIds)
                .query(this::schedule)
                .list();
    }

    public long insertOverride(
            long scheduleId,
            String rotationKey,
            String coveredUser,
            String coveringUser,
            Instant shiftAt,
            Instant start,
            Instant end,
            Long swapId,
            String by,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_override (schedule_id, rotation_key, covered_user, covering_user, shift_at,
                            start_at, end_at, swap_id, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        scheduleId,
                        rotationKey,
                        coveredUser,
                        coveringUser,
                        ts(shiftAt),
                        ts(start),
                        ts(end),
                        swapId,
                        by,
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void setSwapId(long overrideId, long swapId) {
        jdbc.sql("update oncall_override set swap_id = ? where id = ?")
                .params(swapId, overrideId)
                .update();
    }

    public List<ScheduleOverride> overrides(long scheduleId) {
        return jdbc.sql("select * from oncall_override where schedule_id = ? order by id")
                .param(scheduleId)
                .query(ScheduleRepository::override)
                .list();
    }

    public Optional<ScheduleOverride> override(long scheduleId, long id) {
        return jdbc.sql("select * from oncall_override where schedule_id = ? and id = ?")
                .params(scheduleId, id)
                .query(ScheduleRepository::override)
                .optional();
    }

    public void deleteOverride(long id) {
        jdbc.sql("delete from oncall_override where id = ?").param(id).update();
    }

    public int personFeedEpoch(String username) {
        return jdbc.sql("select feed_epoch from oncall_person where username = ?")
                .param(username)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public void bumpPersonFeedEpoch(String username) {
        int updated = jdbc.sql("update oncall_person set feed_epoch = feed_epoch + 1 where username = ?")
                .param(username)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into oncall_person (username, feed_epoch) values (?, 1)")
                    .param(username)
                    .update();
        }
    }

    private Schedule schedule(ResultSet rs, int row) throws SQLException {
        return new Schedule(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getLong("team_id"),
                ZoneId.of(rs.getString("time_zone")),
                json.readValue(rs.getString("definition"), ROTATIONS),
                rs.getInt("feed_epoch"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }

    private static ScheduleOverride override(ResultSet rs, int row) throws SQLException {
        long swap = rs.getLong("swap_id");
        return new ScheduleOverride(
                rs.getLong("id"),
                rs.getLong("schedule_id"),
                rs.getString("rotation_key"),
                rs.getString("covered_user"),
                rs.getString("covering_user"),
                instant(rs.getTimestamp("shift_at")),
                instant(rs.getTimestamp("start_at")),
                instant(rs.getTimestamp("end_at")),
                rs.wasNull() && swap == 0 ? null : swap == 0 ? null : swap,
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
