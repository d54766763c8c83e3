package dev.kintsugi.platform.cluster;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code platform_change_log} table. */
final class ChangeLog {
    private static final String COLUMNS = "id, topic, change_key, payload, created_at, origin";
    private final JdbcClient jdbc;

    ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A change to insert. */
    record Entry(String topic, String key, String payload, Instant at) {}

    void insert(Entry e, String origin) {
        jdbc.sql("insert into platform_change_log (topic, change_key, payload, created_at, origin)"
                        + " values (?, ?, ?, ?, ?)")
                .params(e.topic(), e.key(), e.payload(), ts(e.at()), origin)
                .update();
    }

    /** Every topic's changes after {@code afterId}, oldest first. */
    List<ClusterChange> after(long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from platform_change_log where id > ? order by id limit ?")
                .params(afterId, limit)
                .query(ChangeLog::row)
                .list();
    }

    List<ClusterChange> byIds(Collection<Long> ids) {
        List<ClusterChange> found = new ArrayList<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            found.addAll(jdbc.sql("select " + COLUMNS + " from platform_change_log where id in (:ids) order by id")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 500)))
                    .query(ChangeLog::row)
                    .list());
        }
        return found;
    }

    List<ClusterChange> since(String topic, long afterId, long upTo, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from platform_change_log where topic = ? and id > ? and id <= ? order by id limit ?")
                .params(topic, afterId, upTo, limit)
                .query(ChangeLog::row)
                .list();
    }

    long latestId() {
        return jdbc.sql("select coalesce(max(id), 0) from platform_change_log")
                .query(Long.class)
                .single();
    }

    long oldestId() {
        return jdbc.sql("select coalesce(min(id), 0) from platform_change_log")
                .query(Long.class)
                .single();
    }

    /** Deletes changes recorded before {@code before}, except the newest one. */
    int purge(Instant before) {
        return jdbc.sql("delete from platform_change_log where created_at < ?"
                        + " and id < (select max(id) from platform_change_log)")
                .param(ts(before))
                .update();
    }

    private static ClusterChange row(ResultSet rs, int n) throws SQLException {
        return new ClusterChange(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getString("change_key"),
                rs.getString("payload"),
                instant(rs, "created_at"),
                rs.getString("origin"));
    }
}
