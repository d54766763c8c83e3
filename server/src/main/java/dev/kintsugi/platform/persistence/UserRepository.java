package dev.kintsugi.platform.persistence;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code platform_user} table. */
@Repository
public class UserRepository {
    private static final String COLUMNS =
            "id, username, display_name, email, role, enabled, must_change_password, time_zone, locale, created_at";
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(
            String username,
            String displayName,
            String email,
            String passwordHash,
            Role role,
            boolean mustChange,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into platform_user (username, display_name, email, password_hash, role, enabled,
                            must_change_password, created_at)
                        values (?, ?, ?, ?, ?, true, ?, ?)""")
                .params(username, displayName, email, passwordHash, role.name(), mustChange, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from platform_user where username = ?")
                .param(username)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from platform_user where id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    public List<UserAccount> findAll() {
        return jdbc.sql("select " + COLUMNS + " from platform_user order by username")
                .query(UserRepository::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from platform_user").query(Long.class).single();
    }

    public Optional<String> passwordHash(long id) {
        return jdbc.sql("select password_hash from platform_user where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    public void updateRole(long id, Role role) {
        jdbc.sql("update platform_user set role = ? where id = ?")
                .params(role.name(), id)
                .update();
    }

    public void updateEnabled(long id, boolean enabled) {
        jdbc.sql("update platform_user set enabled = ? where id = ?")
                .params(enabled, id)
                .update();
    }

    public void updateProfile(long id, String displayName, String email, String zone, String locale) {
        jdbc.sql("update platform_user set display_name = ?, email = ?, time_zone = ?, locale = ? where id = ?")
                .params(displayName, email, zone, locale, id)
                .update();
    }

    public void updatePassword(long id, String hash, boolean mustChange) {
        jdbc.sql("update platform_user set password_hash = ?, must_change_password = ? where id = ?")
                .params(hash, mustChange, id)
                .update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"),
                rs.getString("time_zone"),
                rs.getString("locale"),
                rs.getTimestamp("created_at").toInstant());
    }
}
