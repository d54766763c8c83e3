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
            "id, username, display_name, email, role, enabled, must_change_password, time_zone, locale, created_at, "
                    + "version, session_epoch";
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

    /*
     * Every change below is guarded by the version the caller read: 0 rows changed means someone else changed the
     * account meanwhile (false), and the caller refuses with 409 rather than overwrite their change.
     */

    public boolean updateRole(long id, long version, Role role) {
        return jdbc.sql("update platform_user set role = ?, version = version + 1 where id = ? and version = ?")
                        .params(role.name(), id, version)
                        .update()
                == 1;
    }

    /** Disabling also ends the account's sessions. */
    public boolean updateEnabled(long id, long version, boolean enabled) {
        return jdbc.sql("""
                                update platform_user set enabled = ?, version = version + 1,
                                    session_epoch = session_epoch + case when ? then 0 else 1 end
                                where id = ? and version = ?""").params(enabled, enabled, id, version).update() == 1;
    }

    public boolean updateProfile(long id, long version, String displayName, String email, String zone, String locale) {
        return jdbc.sql("""
                                update platform_user set display_name = ?, email = ?, time_zone = ?, locale = ?,
                                    version = version + 1
                                where id = ? and version = ?""")
                        .params(displayName, email, zone, locale, id, version)
                        .update()
                == 1;
    }

    /** A new password ends every session opened with the old one. */
    public boolean updatePassword(long id, long version, String hash, boolean mustChange) {
        return jdbc.sql("""
                                update platform_user set password_hash = ?, must_change_password = ?,
                                    version = version + 1, session_epoch = session_epoch + 1
                                where id = ? and version = ?""").params(hash, mustChange, id, version).update() == 1;
    }

    /** Ends every open web session of the account ("log out everywhere"). */
    public void endSessions(long id) {
        jdbc.sql("update platform_user set session_epoch = session_epoch + 1 where id = ?")
                .param(id)
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
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"),
                rs.getLong("session_epoch"));
    }
}
