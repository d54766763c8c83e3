package dev.kintsugi.incident.persistence;

import static dev.kintsugi.platform.Sql.instant;

import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.incident.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Incident timelines: the entries the incident writes itself and what people write on it. */
@Repository
public class TimelineRepository {
    private static final TypeReference<List<TimelineMessage.Arg>> ARGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TimelineRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long addEntry(
            long incidentId,
            Instant occurredAt,
            Instant recordedAt,
            String author,
            TimelineEntryKind kind,
            Visibility visibility,
            String perspective,
            String body) {
        return addEntry(incidentId, occurredAt, recordedAt, author, kind, visibility, perspective, body, null);
    }

    /** {@code message}: what a system entry says as data (null for what people write); {@code body} its text. */
    public long addEntry(
            long incidentId,
            Instant occurredAt,
            Instant recordedAt,
            String author,
            TimelineEntryKind kind,
            Visibility visibility,
            String perspective,
            String body,
            TimelineMessage message) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into incident_timeline_entry (incident_id, occurred_at, recorded_at, author, kind,
                            visibility, perspective, body, pinned, message_code, message_args)
                        values (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                .params(
                        incidentId,
                        Timestamp.from(occurredAt),
                        Timestamp.from(recordedAt),
                        author,
                        kind.name(),
                        visibility.name(),
                        perspective,
                        body,
                        message == null ? null : message.code(),
                        message == null ? null : json.writeValueAsString(message.args()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<TimelineEntry> timeline(long incidentId) {
        return jdbc.sql("select * from incident_timeline_entry where incident_id = ? order by occurred_at, id")
                .param(incidentId)
                .query(this::mapEntry)
                .list();
    }

    /** The entries of several incidents ({@code marks}: one {@code ?} per id), by incident, then by time. */
    List<TimelineEntry> timelinesOf(List<Long> incidentIds, String marks) {
        return jdbc.sql("select * from incident_timeline_entry where incident_id in (" + marks
                        + ") order by incident_id, occurred_at, id")
                .params(incidentIds)
                .query(this::mapEntry)
                .list();
    }

    public Optional<TimelineEntry> entry(long entryId) {
        return jdbc.sql("select * from incident_timeline_entry where id = ?")
                .param(entryId)
                .query(this::mapEntry)
                .optional();
    }

    public void setPinned(long entryId, boolean pinned) {
        jdbc.sql("update incident_timeline_entry set pinned = ? where id = ?")
                .params(pinned, entryId)
                .update();
    }

    private TimelineEntry mapEntry(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("message_code");
        TimelineMessage message =
                code == null ? null : new TimelineMessage(code, json.readValue(rs.getString("message_args"), ARGS));
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                instant(rs, "occurred_at"),
                instant(rs, "recorded_at"),
                rs.getString("author"),
                TimelineEntryKind.valueOf(rs.getString("kind")),
                Visibility.valueOf(rs.getString("visibility")),
                rs.getString("perspective"),
                rs.getString("body"),
                rs.getBoolean("pinned"),
                message);
    }
}
