package dev.kintsugi.oncall.persistence;

import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The log of test notifications ({@code oncall_test_delivery}): one row per "send a test notification". */
@Repository
public class TestDeliveryRepository {
    private final JdbcClient jdbc;

    public TestDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A test notification's log entry (no page): tried once, {@code SENT} or {@code FAILED}. */
    public long insertTestDelivery(
            String username, String channel, long methodId, String hint, String status, String error, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_test_delivery (username, channel, method_id, target_hint, status, last_error,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        username,
                        channel,
                        methodId,
                        hint,
                        status,
                        error == null ? null : error.length() > 500 ? error.substring(0, 500) : error,
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Someone's latest test notifications, newest first, as delivery log entries of kind {@code TEST}. */
    public List<Delivery> testDeliveries(String username, int limit) {
        return jdbc.sql("select * from oncall_test_delivery where username = ? order by id desc limit ?")
                .params(username, limit)
                .query((rs, row) -> {
                    Instant at = rs.getTimestamp("created_at").toInstant();
                    boolean sent = "SENT".equals(rs.getString("status"));
                    return new Delivery(
                            rs.getLong("id"),
                            0,
                            rs.getString("username"),
                            "TEST",
                            rs.getString("channel"),
                            rs.getLong("method_id"),
                            rs.getString("target_hint"),
                            rs.getString("status"),
                            1,
                            rs.getString("last_error"),
                            at,
                            at,
                            sent ? at : null,
                            null,
                            List.of());
                })
                .list();
    }
}
