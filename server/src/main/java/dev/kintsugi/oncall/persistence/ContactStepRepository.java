package dev.kintsugi.oncall.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A person's contact rules: ordered steps, and the version of the whole set. */
@Repository
public class ContactStepRepository {
    private final JdbcClient jdbc;

    public ContactStepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One step; {@code severities} comma-separated or null, {@code minSeverity} null; methodId null: the account. */
    public record Step(
            long id,
            String username,
            int position,
            Long methodId,
            int delayMinutes,
            String severities,
            String minSeverity) {}

    public OptionalLong version(String username) {
        return jdbc.sql("select version from oncall_contact_rules where username = ?")
                .param(username)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Creates the set at version 1; 0 when another writer created it first. */
    public int create(String username, Instant now) {
        return jdbc.sql("""
                        insert into oncall_contact_rules (username, version, updated_at) values (?, 1, ?)
                        on conflict do nothing""").params(username, Timestamp.from(now)).update();
    }

    /** Moves the set to the next version, guarded by the one read; 0 when someone else changed it meanwhile. */
    public int bump(String username, long fromVersion, Instant now) {
        return jdbc.sql("""
                        update oncall_contact_rules set version = version + 1, updated_at = ?
                        where username = ? and version = ?""").params(Timestamp.from(now), username, fromVersion).update();
    }

    public List<Step> steps(String username) {
        return jdbc.sql("select * from oncall_contact_step where username = ? order by position")
                .param(username)
                .query((rs, row) -> {
                    long m = rs.getLong("method_id");
                    Long methodId = rs.wasNull() ? null : m;
                    return new Step(
                            rs.getLong("id"),
                            rs.getString("username"),
                            rs.getInt("position"),
                            methodId,
                            rs.getInt("delay_minutes"),
                            rs.getString("severities"),
                            rs.getString("min_severity"));
                })
                .list();
    }

    public void replace(String username, List<Step> steps) {
        jdbc.sql("delete from oncall_contact_step where username = ?")
                .param(username)
                .update();
        for (Step s : steps) {
            jdbc.sql("""
                            insert into oncall_contact_step (username, position, method_id, delay_minutes, severities,
                                min_severity) values (?, ?, ?, ?, ?, ?)""")
                    .params(username, s.position(), s.methodId(), s.delayMinutes(), s.severities(), s.minSeverity())
                    .update();
        }
    }

    /** Removes the steps through a method (the method is being removed); true when there were some. */
    public boolean removeMethod(String username, long methodId) {
        return jdbc.sql("delete from oncall_contact_step where username = ? and method_id = ?")
                        .params(username, methodId)
                        .update()
                > 0;
    }
}
