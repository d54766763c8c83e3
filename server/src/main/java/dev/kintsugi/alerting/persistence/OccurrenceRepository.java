package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertOccurrence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The occurrences of alert groups: every event that reached a group, most recent first when read. */
@Repository
public class OccurrenceRepository {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    public OccurrenceRepository(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** An occurrence to insert, for {@link #addOccurrences}. */
    public record NewOccurrence(
            long groupId,
            String eventId,
            Instant at,
            AlertEvent.Action action,
            String fingerprint,
            String summary,
            Map<String, String> labels,
            String note) {}

    /** Inserts occurrences in one JDBC batch, in order. */
    public void addOccurrences(List<NewOccurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(occurrences.size());
        for (NewOccurrence o : occurrences) {
            rows.add(new Object[] {
                o.groupId(),
                o.eventId(),
                ts(o.at()),
                o.action().name(),
                cut(o.fingerprint(), 255),
                cut(o.summary(), 1000),
                o.labels() == null || o.labels().isEmpty() ? null : cut(json.writeValueAsString(o.labels()), 20000),
                cut(o.note(), 4000)
            });
        }
        batch.batchUpdate("""
                insert into alerting_occurrence (group_id, event_id, received_at, action, fingerprint, summary,
                    labels, note) values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    public void addOccurrence(
            long groupId,
            String eventId,
            Instant at,
            AlertEvent.Action action,
            String fingerprint,
            String summary,
            Map<String, String> labels,
            String note) {
        jdbc.sql("""
                        insert into alerting_occurrence (group_id, event_id, received_at, action, fingerprint, summary,
                            labels, note) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        groupId,
                        eventId,
                        ts(at),
                        action.name(),
                        cut(fingerprint, 255),
                        cut(summary, 1000),
                        labels == null || labels.isEmpty() ? null : cut(json.writeValueAsString(labels), 20000),
                        cut(note, 4000))
                .update();
    }

    public List<AlertOccurrence> occurrences(long groupId, int limit) {
        return jdbc.sql("select * from alerting_occurrence where group_id = ? order by id desc limit ?")
                .params(groupId, limit)
                .query((rs, n) -> new AlertOccurrence(
                        rs.getLong("id"),
                        rs.getLong("group_id"),
                        instant(rs, "received_at"),
                        AlertEvent.Action.valueOf(rs.getString("action")),
                        rs.getString("fingerprint"),
                        rs.getString("summary"),
                        rs.getString("labels") == null ? Map.of() : json.readValue(rs.getString("labels"), LABELS),
                        rs.getString("note")))
                .list();
    }

    public long occurrenceCount(long groupId) {
        return jdbc.sql("select count(*) from alerting_occurrence where group_id = ?")
                .param(groupId)
                .query(Long.class)
                .single();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
