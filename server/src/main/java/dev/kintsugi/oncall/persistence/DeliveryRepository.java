package dev.kintsugi.oncall.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The delivery log of pages: one entry per notification planned, skipped or sent, with its reason and attempts. */
@Repository
public class DeliveryRepository {
    private final JdbcClient jdbc;

    public DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery log entry. */
    public record Delivery(
            long id,
            long pageId,
            String username,
            String kind,
            String channel,
            Long methodId,
            String targetHint,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant dueAt,
            Instant sentAt,
            String reasonCode,
            List<String> reasonArgs) {}

    /** Inserts a delivery log entry in {@code status} (PENDING, or SKIPPED for a step that does not apply). */
    public long insertDelivery(
            long pageId,
            String username,
            String kind,
            String channel,
            Long methodId,
            String hint,
            String status,
            Instant now,
            Instant due) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_delivery (page_id, username, kind, channel, method_id, target_hint, status,
                            created_at, due_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        pageId,
                        username,
                        kind,
                        channel,
                        methodId,
                        hint,
                        status,
                        Timestamp.from(now),
                        Timestamp.from(due))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Why a delivery was planned, skipped or cancelled (a message code and its arguments); replaces the former. */
    public void reason(long deliveryId, String code, List<String> args) {
        jdbc.sql("delete from oncall_delivery_reason where delivery_id = ?")
                .param(deliveryId)
                .update();
        String joined = String.join("\t", args);
        jdbc.sql("insert into oncall_delivery_reason (delivery_id, code, args) values (?, ?, ?)")
                .params(deliveryId, code, joined.length() > 500 ? joined.substring(0, 500) : joined)
                .update();
    }

    private static final String DELIVERIES = """
            select d.*, r.code as reason_code, r.args as reason_args from oncall_delivery d
            left join oncall_delivery_reason r on r.delivery_id = d.id""";

    public Optional<Delivery> delivery(long id) {
        return jdbc.sql(DELIVERIES + " where d.id = ?")
                .param(id)
                .query(DeliveryRepository::delivery)
                .optional();
    }

    public List<Delivery> deliveries(long pageId) {
        return jdbc.sql(DELIVERIES + " where d.page_id = ? order by d.id")
                .param(pageId)
                .query(DeliveryRepository::delivery)
                .list();
    }

    /** The page's notifications still due (not the "resolved" notices). */
    public List<Delivery> pendingTriggered(long pageId) {
        return jdbc.sql(DELIVERIES + " where d.page_id = ? and d.status = 'PENDING' and d.kind = 'TRIGGERED'")
                .param(pageId)
                .query(DeliveryRepository::delivery)
                .list();
    }

    /** Records an attempt's outcome, guarded by the attempt count it started from. */
    public int recordAttempt(long id, int fromAttempts, String status, String error, Instant sentAt, Instant nextDue) {
        return jdbc.sql("""
                        update oncall_delivery set attempts = attempts + 1, status = ?, last_error = ?, sent_at = ?,
                            due_at = coalesce(?, due_at)
                        where id = ? and attempts = ? and status = 'PENDING'""")
                .params(
                        status,
                        error == null ? null : error.length() > 500 ? error.substring(0, 500) : error,
                        sentAt == null ? null : Timestamp.from(sentAt),
                        nextDue == null ? null : Timestamp.from(nextDue),
                        id,
                        fromAttempts)
                .update();
    }

    public int cancel(long id) {
        return jdbc.sql("update oncall_delivery set status = 'CANCELLED' where id = ? and status = 'PENDING'")
                .param(id)
                .update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        long method = rs.getLong("method_id");
        Long methodId = rs.wasNull() ? null : method;
        String args = rs.getString("reason_args");
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("page_id"),
                rs.getString("username"),
                rs.getString("kind"),
                rs.getString("channel"),
                methodId,
                rs.getString("target_hint"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(),
                ScheduleRepository.instant(rs.getTimestamp("sent_at")),
                rs.getString("reason_code"),
                args == null || args.isEmpty() ? List.of() : List.of(args.split("\t", -1)));
    }
}
