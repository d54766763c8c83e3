package dev.kintsugi.catalog.persistence;

import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.catalog.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The catalog tables. Archived rows are hidden from lists and name look-ups but stay reachable by id. */
@Repository
public class CatalogRepository {
    private static final String SERVICE_SELECT = """
            select s.*, t.name as owner_team_name from catalog_service s
            join catalog_team t on t.id = s.owner_team_id""";
    private final JdbcClient jdbc;

    public CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertTeam(String name, String displayName, String description, String contact, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into catalog_team (name, display_name, description, contact_channel, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(name, displayName, description, contact, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves a team read at {@code version}; 0 rows when someone else saved it meanwhile. */
    public int updateTeam(long id, long version, String name, String displayName, String description, String contact) {
        return jdbc.sql("""
                        update catalog_team set name = ?, display_name = ?, description = ?, contact_channel = ?,
                            version = version + 1 where id = ? and version = ?""")
                .params(name, displayName, description, contact, id, version)
                .update();
    }

    public void replaceMembers(long teamId, List<String> members) {
        jdbc.sql("delete from catalog_team_member where team_id = ?")
                .param(teamId)
                .update();
        for (String m : members) {
            jdbc.sql("insert into catalog_team_member (team_id, username) values (?, ?)")
                    .params(teamId, m)
                    .update();
        }
    }

    /** Archiving frees nothing: the name stays reserved so history keeps meaning the same thing. */
    public void archiveTeam(long id, Instant now) {
        jdbc.sql("update catalog_team set archived_at = ? where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    public Optional<Long> teamIdByName(String name) {
        return jdbc.sql("select id from catalog_team where name = ? and archived_at is null")
                .param(name)
                .query(Long.class)
                .optional();
    }

    /**
     * Whether a team, live or archived, holds this name: empty when the name is free, {@code true} when only an
     * archived team holds it (names stay reserved after deletion).
     */
    public Optional<Boolean> teamNameArchived(String name) {
        return jdbc.sql("select archived_at is not null from catalog_team where name = ?")
                .param(name)
                .query(Boolean.class)
                .optional();
    }

    public Optional<Team> findTeam(long id) {
        return jdbc.sql("select * from catalog_team where id = ?")
                .param(id)
                .query(this::mapTeam)
                .optional();
    }

    public List<Team> findTeams() {
        return jdbc.sql("select * from catalog_team where archived_at is null order by name")
                .query(this::mapTeam)
                .list();
    }

    public long insertService(
            String name,
            String displayName,
            String description,
            Tier tier,
            long ownerTeamId,
            String runbookUrl,
            String dashboardUrl,
            String repositoryUrl,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into catalog_service (name, display_name, description, tier, owner_team_id, runbook_url,
                            dashboard_url, repository_url, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        name,
                        displayName,
                        description,
                        tier.name(),
                        ownerTeamId,
                        runbookUrl,
                        dashboardUrl,
                        repositoryUrl,
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves a service read at {@code version}; 0 rows when someone else saved it meanwhile. */
    public int updateService(
            long id,
            long version,
            String name,
            String displayName,
            String description,
            Tier tier,
            long ownerTeamId,
            String runbookUrl,
            String dashboardUrl,
            String repositoryUrl) {
        return jdbc.sql("""
                        update catalog_service set name = ?, display_name = ?, description = ?, tier = ?,
                            owner_team_id = ?, runbook_url = ?, dashboard_url = ?, repository_url = ?,
                            version = version + 1 where id = ? and version = ?""")
                .params(
                        name,
                        displayName,
                        description,
                        tier.name(),
                        ownerTeamId,
                        runbookUrl,
                        dashboardUrl,
                        repositoryUrl,
                        id,
                        version)
                .update();
    }

    public void archiveService(long id, Instant now) {
        jdbc.sql("update catalog_service set archived_at = ? where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    public Optional<Long> serviceIdByName(String name) {
        return jdbc.sql("select id from catalog_service where name = ? and archived_at is null")
                .param(name)
                .query(Long.class)
                .optional();
    }

    /** Like {@link #teamNameArchived(String)}, for services. */
    public Optional<Boolean> serviceNameArchived(String name) {
        return jdbc.sql("select archived_at is not null from catalog_service where name = ?")
                .param(name)
                .query(Boolean.class)
                .optional();
    }

    public Optional<CatalogService> findService(long id) {
        return jdbc.sql(SERVICE_SELECT + " where s.id = ? and s.archived_at is null")
                .param(id)
                .query(CatalogRepository::mapService)
                .optional();
    }

    public Optional<CatalogService> findServiceIncludingArchived(long id) {
        return jdbc.sql(SERVICE_SELECT + " where s.id = ?")
                .param(id)
                .query(CatalogRepository::mapService)
                .optional();
    }

    public List<CatalogService> findServices() {
        return jdbc.sql(SERVICE_SELECT + " where s.archived_at is null order by s.name")
                .query(CatalogRepository::mapService)
                .list();
    }

    private Team mapTeam(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<String> members = jdbc.sql("select username from catalog_team_member where team_id = ? order by username")
                .param(id)
                .query(String.class)
                .list();
        return new Team(
                id,
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("description"),
                rs.getString("contact_channel"),
                members,
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }

    private static CatalogService mapService(ResultSet rs, int row) throws SQLException {
        return new CatalogService(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("description"),
                Tier.valueOf(rs.getString("tier")),
                rs.getLong("owner_team_id"),
                rs.getString("owner_team_name"),
                rs.getString("runbook_url"),
                rs.getString("dashboard_url"),
                rs.getString("repository_url"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }
}
