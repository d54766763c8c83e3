package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.TimelineItem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_timeline_entry} table: the post-mortem's own timeline, each entry with its version. */
@Repository
public class PostmortemTimelineRepository {
    private final JdbcClient jdbc;

    public PostmortemTimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long add(long id, Instant at, String author, String perspective, EntrySource source, String body) {
        return add(id, at, author, perspective, source, null, body, true);
    }

    /** Adds an entry; {@code incidentKind} for one brought over from the incident, {@code kept} or dropped. */
    public long add(
            long id,
            Instant at,
            String author,
            String perspective,
            EntrySource source,
            String incidentKind,
            String body,
            boolean kept) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_timeline_entry
                            (postmortem_id, occurred_at, author, perspective, source, incident_kind, body, kept)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ts(at), author, perspective, source.name(), incidentKind, body, kept)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Keeps or drops the entry if it is still at {@code version}; answers the rows changed. */
    public int keep(long id, long entryId, int version, boolean kept) {
        return jdbc.sql("""
                        update postmortem_timeline_entry set kept = ?, version = version + 1
                        where id = ? and postmortem_id = ? and version = ?""").params(kept, entryId, id, version).update();
    }

    /** Updates the entry if it is still at {@code version}; answers the rows changed (0: someone was faster). */
    public int update(long id, long entryId, int version, Instant at, String author, String perspective, String body) {
        return jdbc.sql("""
                        update postmortem_timeline_entry set occurred_at = ?, author = ?, perspective = ?, body = ?,
                            version = version + 1
                        where id = ? and postmortem_id = ? and version = ?""")
                .params(ts(at), author, perspective, body, entryId, id, version)
                .update();
    }

    public int delete(long id, long entryId, int version) {
        return jdbc.sql("delete from postmortem_timeline_entry where id = ? and postmortem_id = ? and version = ?")
                .params(entryId, id, version)
                .update();
    }

    public Optional<TimelineItem> find(long id, long entryId) {
        return jdbc.sql("select * from postmortem_timeline_entry where postmortem_id = ? and id = ?")
                .params(id, entryId)
                .query(PostmortemTimelineRepository::item)
                .optional();
    }

    /** Ordered by time: entries are "reordered" by editing their time. */
    public List<TimelineItem> timeline(long id) {
        return jdbc.sql("select * from postmortem_timeline_entry where postmortem_id = ? order by occurred_at, id")
                .param(id)
                .query(PostmortemTimelineRepository::item)
                .list();
    }

    private static TimelineItem item(ResultSet rs, int n) throws SQLException {
        return new TimelineItem(
                rs.getLong("id"),
                instant(rs, "occurred_at"),
                rs.getString("author"),
                rs.getString("perspective"),
                EntrySource.valueOf(rs.getString("source")),
                rs.getString("incident_kind"),
                rs.getString("body"),
                rs.getBoolean("kept"),
                rs.getInt("version"));
    }
}
