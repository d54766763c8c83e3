package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.incident.TimelineMessage;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code postmortem_timeline_entry} table: the post-mortem's own timeline, each entry with its version. */
@Repository
public class PostmortemTimelineRepository {
    private static final TypeReference<List<TimelineMessage.Arg>> ARGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public PostmortemTimelineRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long add(long id, Instant at, String author, String perspective, EntrySource source, String body) {
        return add(id, at, author, perspective, source, null, body, true);
    }

    public long add(
            long id,
            Instant at,
            String author,
            String perspective,
            EntrySource source,
            String incidentKind,
            String body,
            boolean kept) {
        return add(id, at, author, perspective, source, incidentKind, body, kept, null);
    }

    /**
     * Adds an entry; {@code incidentKind} for one brought over from the incident, {@code kept} or dropped, with
     * its {@code message} as data when the incident wrote it (then {@code body} is its English text).
     */
    public long add(
            long id,
            Instant at,
            String author,
            String perspective,
            EntrySource source,
            String incidentKind,
            String body,
            boolean kept,
            TimelineMessage message) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_timeline_entry
                            (postmortem_id, occurred_at, author, perspective, source, incident_kind, body, kept,
                             message_code, message_args)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        ts(at),
                        author,
                        perspective,
                        source.name(),
                        incidentKind,
                        body,
                        kept,
                        message == null ? null : message.code(),
                        message == null ? null : json.writeValueAsString(message.args()))
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
                            message_code = null, message_args = null, version = version + 1
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
                .query(this::item)
                .optional();
    }

    /** Ordered by time: entries are "reordered" by editing their time. */
    public List<TimelineItem> timeline(long id) {
        return jdbc.sql("select * from postmortem_timeline_entry where postmortem_id = ? order by occurred_at, id")
                .param(id)
                .query(this::item)
                .list();
    }

    /** The timelines of several post-mortems ({@code marks}: one {@code ?} per id), by post-mortem, then by time. */
    List<Entry> timelinesOf(List<Long> ids, String marks) {
        return jdbc.sql("select * from postmortem_timeline_entry where postmortem_id in (" + marks
                        + ") order by postmortem_id, occurred_at, id")
                .params(ids)
                .query((rs, n) -> new Entry(rs.getLong("postmortem_id"), item(rs, n)))
                .list();
    }

    /** An entry with the post-mortem it belongs to. */
    record Entry(long postmortemId, TimelineItem item) {}

    private TimelineItem item(ResultSet rs, int n) throws SQLException {
        String code = rs.getString("message_code");
        TimelineMessage message =
                code == null ? null : new TimelineMessage(code, json.readValue(rs.getString("message_args"), ARGS));
        return new TimelineItem(
                rs.getLong("id"),
                instant(rs, "occurred_at"),
                rs.getString("author"),
                rs.getString("perspective"),
                EntrySource.valueOf(rs.getString("source")),
                rs.getString("incident_kind"),
                rs.getString("body"),
                rs.getBoolean("kept"),
                rs.getInt("version"),
                message);
    }
}
