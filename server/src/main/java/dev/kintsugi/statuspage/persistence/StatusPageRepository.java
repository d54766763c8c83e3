package dev.kintsugi.statuspage.persistence;

import dev.kintsugi.statuspage.ComponentState;
import dev.kintsugi.statuspage.Maintenance;
import dev.kintsugi.statuspage.PublicIncident;
import dev.kintsugi.statuspage.PublicUpdate;
import dev.kintsugi.statuspage.UpdateStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The status page's tables (statuspage_*). Components are returned without the catalog's names. */
@Repository
public class StatusPageRepository {
    private final JdbcClient jdbc;

    public StatusPageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A component row, keyed by service id. */
    public record ComponentRow(
            long serviceId,
            String group,
            String name,
            String description,
            int position,
            ComponentState overrideState,
            Instant overrideUntil,
            long version) {}

    public List<ComponentRow> components() {
        return jdbc.sql("select * from statuspage_component order by position, public_name, service_id")
                .query(StatusPageRepository::component)
                .list();
    }

    public Optional<ComponentRow> component(long serviceId) {
        return jdbc.sql("select * from statuspage_component where service_id = ?")
                .param(serviceId)
                .query(StatusPageRepository::component)
                .optional();
    }

    public void insertComponent(ComponentRow c) {
        jdbc.sql("insert into statuspage_component (service_id, group_name, public_name, description, position,"
                        + " override_state, override_until, version) values (?, ?, ?, ?, ?, ?, ?, 0)")
                .params(
                        c.serviceId(),
                        c.group(),
                        c.name(),
                        c.description(),
                        c.position(),
                        state(c),
                        ts(c.overrideUntil()))
                .update();
    }

    /** Version-guarded: false when someone changed it meanwhile. */
    public boolean updateComponent(ComponentRow c) {
        return jdbc.sql("update statuspage_component set group_name = ?, public_name = ?, description = ?,"
                                + " position = ?, override_state = ?, override_until = ?, version = version + 1"
                                + " where service_id = ? and version = ?")
                        .params(
                                c.group(),
                                c.name(),
                                c.description(),
                                c.position(),
                                state(c),
                                ts(c.overrideUntil()),
                                c.serviceId(),
                                c.version())
                        .update()
                == 1;
    }

    public boolean deleteComponent(long serviceId, long version) {
        return jdbc.sql("delete from statuspage_component where service_id = ? and version = ?")
                        .params(serviceId, version)
                        .update()
                == 1;
    }

    // ---- incidents and updates ----

    public List<PublicIncident> incidents() {
        return jdbc.sql("select * from statuspage_incident order by first_published_at desc, incident_id desc")
                .query(StatusPageRepository::incident)
                .list();
    }

    public Optional<PublicIncident> incident(long incidentId) {
        return jdbc.sql("select * from statuspage_incident where incident_id = ?")
                .param(incidentId)
                .query(StatusPageRepository::incident)
                .optional();
    }

    public void insertIncident(long incidentId, String title, Instant at) {
        jdbc.sql("insert into statuspage_incident (incident_id, public_title, first_published_at, version)"
                        + " values (?, ?, ?, 0)")
                .params(incidentId, title, ts(at))
                .update();
    }

    public boolean updateIncident(long incidentId, String title, String summary, long version) {
        return jdbc.sql("update statuspage_incident set public_title = ?, public_summary = ?, version = version + 1"
                                + " where incident_id = ? and version = ?")
                        .params(title, summary, incidentId, version)
                        .update()
                == 1;
    }

    public long insertUpdate(
            long incidentId, UpdateStatus status, String body, boolean templated, Instant at, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into statuspage_update (incident_id, status, body, templated, published_at, published_by)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(incidentId, status.name(), body, templated, ts(at), by)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Every public update by incident, oldest first. */
    public Map<Long, List<PublicUpdate>> updates() {
        Map<Long, List<PublicUpdate>> out = new LinkedHashMap<>();
        jdbc.sql(
                        "select id, incident_id, status, body, templated, published_at from statuspage_update order by published_at, id")
                .query(StatusPageRepository::update)
                .list()
                .forEach(u -> out.computeIfAbsent(u.incidentId(), k -> new ArrayList<>())
                        .add(u));
        return out;
    }

    public List<PublicUpdate> updatesOf(long incidentId) {
        return jdbc.sql("select id, incident_id, status, body, templated, published_at from statuspage_update"
                        + " where incident_id = ? order by published_at, id")
                .param(incidentId)
                .query(StatusPageRepository::update)
                .list();
    }

    // ---- maintenance ----

    public long insertMaintenance(String title, String body, Instant from, Instant to, List<Long> services, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into statuspage_maintenance (title, body, starts_at, ends_at, created_by, version)"
                        + " values (?, ?, ?, ?, ?, 0)")
                .params(title, body, ts(from), ts(to), by)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (long s : services) {
            jdbc.sql("insert into statuspage_maintenance_component (maintenance_id, service_id) values (?, ?)")
                    .params(id, s)
                    .update();
        }
        return id;
    }

    public boolean deleteMaintenance(long id) {
        return jdbc.sql("delete from statuspage_maintenance where id = ?")
                        .param(id)
                        .update()
                == 1;
    }

    public List<Maintenance> maintenances() {
        Map<Long, List<Long>> services = new HashMap<>();
        jdbc.sql("select maintenance_id, service_id from statuspage_maintenance_component order by service_id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .forEach(e -> services.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return jdbc.sql("select id, title, body, starts_at, ends_at, version from statuspage_maintenance"
                        + " order by starts_at, id")
                .query((rs, n) -> new Maintenance(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        instant(rs, "starts_at"),
                        instant(rs, "ends_at"),
                        services.getOrDefault(rs.getLong("id"), List.of()),
                        rs.getLong("version")))
                .list();
    }

    private static ComponentRow component(ResultSet rs, int n) throws SQLException {
        String state = rs.getString("override_state");
        return new ComponentRow(
                rs.getLong("service_id"),
                rs.getString("group_name"),
                rs.getString("public_name"),
                rs.getString("description"),
                rs.getInt("position"),
                state == null ? null : ComponentState.valueOf(state),
                instant(rs, "override_until"),
                rs.getLong("version"));
    }

    private static PublicIncident incident(ResultSet rs, int n) throws SQLException {
        return new PublicIncident(
                rs.getLong("incident_id"),
                rs.getString("public_title"),
                rs.getString("public_summary"),
                instant(rs, "first_published_at"),
                rs.getLong("version"));
    }

    private static PublicUpdate update(ResultSet rs, int n) throws SQLException {
        return new PublicUpdate(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                UpdateStatus.valueOf(rs.getString("status")),
                rs.getString("body"),
                rs.getBoolean("templated"),
                instant(rs, "published_at"));
    }

    private static String state(ComponentRow c) {
        return c.overrideState() == null ? null : c.overrideState().name();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
