package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.alerting.Integration;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SourceType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code alerting_integration} table. */
@Repository
public class IntegrationRepository {
    private final JdbcClient jdbc;

    public IntegrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What authenticates a request: the key hashes (current and rotated), the sealed secrets (current, and the one
     * that goes with the rotated key during its grace), the source.
     */
    public record Credentials(
            long id,
            SourceType sourceType,
            String keyHash,
            String previousKeyHash,
            Instant previousKeyExpiresAt,
            String sealedSecret,
            String previousSealedSecret,
            String mapping) {}

    public long insert(
            String name,
            SourceType type,
            Long serviceId,
            Long teamId,
            String keyHash,
            String keyHint,
            String sealedSecret,
            String mapping,
            RoutingAction routing,
            String createdBy,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into alerting_integration (name, source_type, service_id, team_id, key_hash, key_hint,
                            hmac_secret, mapping, routing, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        name,
                        type.name(),
                        serviceId,
                        teamId,
                        keyHash,
                        keyHint,
                        sealedSecret,
                        mapping,
                        routing.name(),
                        createdBy,
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Integration> findAll() {
        return jdbc.sql("select * from alerting_integration order by disabled_at nulls first, name, id")
                .query(IntegrationRepository::map)
                .list();
    }

    public Optional<Integration> find(long id) {
        return jdbc.sql("select * from alerting_integration where id = ?")
                .param(id)
                .query(IntegrationRepository::map)
                .optional();
    }

    public List<Credentials> credentials() {
        return jdbc.sql("select * from alerting_integration where disabled_at is null")
                .query(IntegrationRepository::credentialsRow)
                .list();
    }

    public Optional<Credentials> credentialsByHash(String hash) {
        return jdbc.sql("""
                        select * from alerting_integration where disabled_at is null
                        and (key_hash = ? or previous_key_hash = ?)""")
                .params(hash, hash)
                .query(IntegrationRepository::credentialsRow)
                .optional();
    }

    /** A new key; the old one keeps working until {@code graceUntil}. 0 rows when the version moved on. */
    public int rotate(long id, long version, String newHash, String hint, String sealedSecret, Instant graceUntil) {
        return jdbc.sql("""
                        update alerting_integration set previous_key_hash = key_hash, previous_key_expires_at = ?,
                            key_hash = ?, key_hint = ?, previous_hmac_secret = hmac_secret,
                            hmac_secret = coalesce(?, hmac_secret), version = version + 1
                        where id = ? and version = ?""")
                .params(ts(graceUntil), newHash, hint, sealedSecret, id, version)
                .update();
    }

    public int update(long id, long version, String name, String mapping, RoutingAction routing) {
        return jdbc.sql("""
                        update alerting_integration set name = ?, mapping = ?, routing = ?, version = version + 1
                        where id = ? and version = ?""").params(name, mapping, routing.name(), id, version).update();
    }

    public int disable(long id, long version, Instant now) {
        return jdbc.sql("""
                        update alerting_integration set disabled_at = ?, version = version + 1
                        where id = ? and version = ? and disabled_at is null""").params(ts(now), id, version).update();
    }

    private static Integration map(ResultSet rs, int row) throws SQLException {
        return new Integration(
                rs.getLong("id"),
                rs.getString("name"),
                SourceType.valueOf(rs.getString("source_type")),
                (Long) rs.getObject("service_id", Long.class),
                (Long) rs.getObject("team_id", Long.class),
                rs.getString("key_hint"),
                rs.getString("hmac_secret") != null,
                rs.getString("mapping"),
                RoutingAction.valueOf(rs.getString("routing")),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "previous_key_expires_at"),
                rs.getTimestamp("disabled_at") != null,
                rs.getLong("version"));
    }

    private static Credentials credentialsRow(ResultSet rs, int row) throws SQLException {
        return new Credentials(
                rs.getLong("id"),
                SourceType.valueOf(rs.getString("source_type")),
                rs.getString("key_hash"),
                rs.getString("previous_key_hash"),
                instant(rs, "previous_key_expires_at"),
                rs.getString("hmac_secret"),
                rs.getString("previous_hmac_secret"),
                rs.getString("mapping"));
    }
}
