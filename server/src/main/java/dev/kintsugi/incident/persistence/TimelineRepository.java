package dev.kintsugi.incident.persistence;

import static dev.kintsugi.platform.Sql.instant;

import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
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

/** Incident timelines: the entries the incident writes itself and what people write on it. */
@Repository
public class TimelineRepository {
    private final JdbcClient jdbc;

    public TimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into incident_timeline_entry (incident_id, occurred_at, recorded_at, author, kind,
                            visibility, perspective, body, pinned) values (?, ?, ?, ?, ?, ?, ?, ?, false)""")
                .params(
                        incidentId,
                        Timestamp.from(occurredAt),
                        Timestamp.from(recordedAt),
                        author,
                        kind.name(),
                        visibility.name(),
                        perspective,
                        body)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<TimelineEntry> timeline(long incidentId) {
        return jdbc.sql("select * from incident_timeline_entry where incident_id = ? order by occurred_at, id")
                .param(incidentId)
                .query(TimelineRepository::mapEntry)
                .list();
    }

    public Optional<TimelineEntry> entry(long entryId) {
        return jdbc.sql("select * from incident_timeline_entry where id = ?")
                .param(entryId)
                .query(TimelineRepository::mapEntry)
                .optional();
    }

    public void setPinned(long entryId, boolean pinned) {
        jdbc.sql("update incident_timeline_entry set pinned = ? where id = ?")
                .params(pinned, entryId)
                .update();
    }

    private static TimelineEntry mapEntry(ResultSet rs, int row) throws SQLException {
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
                rs.getBoolean("pinned"));
    }
}
