package dev.kintsugi.platform.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.platform.ApiToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code platform_api_token} table. */
@Repository
public class ApiTokenRepository {
    private static final String SELECT = """
            select t.id, u.username, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
            from platform_api_token t join platform_user u on u.id = t.user_id""";
    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String name, String hash, String prefix, Instant now, Instant expiresAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into platform_api_token (user_id, name, token_hash, prefix, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(userId, name, hash, prefix, Timestamp.from(now), ts(expiresAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<ApiToken> findById(long id) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(id)
                .query(ApiTokenRepository::map)
                .optional();
    }

    public Optional<ApiToken> findByHash(String hash) {
        return jdbc.sql(SELECT + " where t.token_hash = ?")
                .param(hash)
                .query(ApiTokenRepository::map)
                .optional();
    }

    public List<ApiToken> findByUser(long userId) {
        return jdbc.sql(SELECT + " where t.user_id = ? order by t.created_at desc, t.id desc")
                .param(userId)
                .query(ApiTokenRepository::map)
                .list();
    }

    public void revoke(long id, Instant now) {
        jdbc.sql("update platform_api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(now), id)
                .update();
    }

    /** Records the last use, at most once a minute per token to keep the hot path cheap. */
    public void touch(long id, Instant now) {
        jdbc.sql(
                        "update platform_api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), id, Timestamp.from(now.minusSeconds(60)))
                .update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("name"),
                rs.getString("prefix"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
