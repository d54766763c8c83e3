package dev.kintsugi.oncall.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** People's contact methods (targets encrypted) and the rules saying which one after how many minutes. */
@Repository
public class ContactRepository {
    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact method; {@code targetSecret} and {@code signingSecret} are sealed by the server key. */
    public record Method(
            long id,
            String username,
            String channel,
            String targetSecret,
            String signingSecret,
            String targetHint,
            Instant createdAt) {}

    /** Reach the person through {@code methodId} {@code delayMinutes} after they are paged. */
    public record Rule(long id, String username, long methodId, int delayMinutes) {}

    public long insertMethod(
            String username, String channel, String targetSecret, String signingSecret, String hint, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into oncall_contact_method (username, channel, target_secret, signing_secret, target_hint,
                            created_at) values (?, ?, ?, ?, ?, ?)""")
                .params(username, channel, targetSecret, signingSecret, hint, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public long insertRule(String username, long methodId, int delayMinutes) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into oncall_contact_rule (username, method_id, delay_minutes) values (?, ?, ?)")
                .params(username, methodId, delayMinutes)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Method> methods(String username) {
        return jdbc.sql("select * from oncall_contact_method where username = ? order by id")
                .param(username)
                .query(Method.class)
                .list();
    }

    public Optional<Method> method(long id) {
        return jdbc.sql("select * from oncall_contact_method where id = ?")
                .param(id)
                .query(Method.class)
                .optional();
    }

    public void deleteMethod(long id) {
        jdbc.sql("delete from oncall_contact_rule where method_id = ?")
                .param(id)
                .update();
        jdbc.sql("delete from oncall_contact_method where id = ?").param(id).update();
    }

    public List<Rule> rules(String username) {
        return jdbc.sql("select * from oncall_contact_rule where username = ? order by delay_minutes, id")
                .param(username)
                .query(Rule.class)
                .list();
    }

    public void deleteRule(long id) {
        jdbc.sql("delete from oncall_contact_rule where id = ?").param(id).update();
    }
}
