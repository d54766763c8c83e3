package dev.kintsugi.incident.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.Incident;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incident tables. Saving checks the version, so two people changing one incident at once cannot clash. */
@Repository
public class IncidentRepository {
    private static final Map<Milestone, String> MILESTONE_COLUMNS = Map.of(
            Milestone.IMPACT_STARTED, "impact_started_at",
            Milestone.DETECTED, "detected_at",
            Milestone.DECLARED, "declared_at",
            Milestone.ACKNOWLEDGED, "acknowledged_at",
            Milestone.MITIGATED, "mitigated_at",
            Milestone.RESOLVED, "resolved_at",
            Milestone.CLOSED, "closed_at");
    private static final Map<IncidentRole, String> ROLE_COLUMNS = Map.of(
            IncidentRole.COMMANDER, "commander",
            IncidentRole.SCRIBE, "scribe",
            IncidentRole.COMMUNICATIONS, "comms_lead");

    private final JdbcClient jdbc;

    public IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next incident number, taken from the counter row in the caller's transaction: the row stays locked until
     * it commits (concurrent declarations queue), and a rollback gives the number back.
     */
    public long allocateNumber() {
        jdbc.sql("update incident_number_counter set last_number = last_number + 1 where id = 1")
                .update();
        return jdbc.sql("select last_number from incident_number_counter where id = 1")
                .query(Long.class)
                .single();
    }

    /** Inserts a new incident row and returns its id. */
    public long insert(
            long number,
            String title,
            String description,
            Severity severity,
            boolean privateIncident,
            String declaredBy,
            Instant declaredAt,
            Instant now,
            Long gameDayId) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into incident (number, title, description, severity, status, private_incident,
                            declared_at, declared_by, updated_at, version, game_day_id)
                        values (?, ?, ?, ?, 'INVESTIGATING', ?, ?, ?, ?, 0, ?)""")
                .params(
                        number,
                        title,
                        description,
                        severity.name(),
                        privateIncident,
                        Timestamp.from(declaredAt),
                        declaredBy,
                        Timestamp.from(now),
                        gameDayId)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Incident> findByNumber(long number) {
        return jdbc.sql("select * from incident where number = ?")
                .param(number)
                .query(this::map)
                .optional();
    }

    public Optional<Incident> findById(long id) {
        return jdbc.sql("select * from incident where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public Optional<Long> numberOf(long id) {
        return jdbc.sql("select number from incident where id = ?")
                .param(id)
                .query(Long.class)
                .optional();
    }

    public Optional<Long> idOfNumber(long number) {
        return jdbc.sql("select id from incident where number = ?")
                .param(number)
                .query(Long.class)
                .optional();
    }

    /** Writes the aggregate's state; refuses with 409 if someone else saved it since it was read. */
    public void save(Incident i) {
        StringBuilder sql = new StringBuilder(
                "update incident set title = ?, description = ?, severity = ?, status = ?, private_incident = ?,"
                        + " closure_reason = ?, duplicate_of = ?, updated_at = ?, version = version + 1");
        List<Object> params = new ArrayList<>();
        params.add(i.title());
        params.add(i.description());
        params.add(i.severity().name());
        params.add(i.status().name());
        params.add(i.isPrivate());
        params.add(i.closureReason() == null ? null : i.closureReason().name());
        params.add(i.duplicateOf());
        params.add(Timestamp.from(i.updatedAt()));
        for (IncidentRole r : IncidentRole.values()) {
            sql.append(", ").append(ROLE_COLUMNS.get(r)).append(" = ?");
            params.add(i.role(r));
        }
        for (Milestone m : Milestone.values()) {
            sql.append(", ").append(MILESTONE_COLUMNS.get(m)).append(" = ?");
            params.add(ts(i.milestone(m)));
        }
        sql.append(" where id = ? and version = ?");
        params.add(i.id());
        params.add(i.version());
        int updated = jdbc.sql(sql.toString()).params(params).update();
        if (updated == 0) {
            throw new ConflictException(
                    "conflict.changedMeanwhile",
                    i.key() + " was changed by someone else meanwhile; reload and try again",
                    java.util.Map.of(),
                    i.key());
        }
        Set<Long> storedServices = new LinkedHashSet<>(serviceIds(i.id()));
        if (!storedServices.equals(i.serviceIds())) {
            jdbc.sql("delete from incident_service where incident_id = ?")
                    .param(i.id())
                    .update();
            for (Long s : i.serviceIds()) {
                jdbc.sql("insert into incident_service (incident_id, service_id) values (?, ?)")
                        .params(i.id(), s)
                        .update();
            }
        }
        Set<String> storedParticipants = new LinkedHashSet<>(participants(i.id()));
        for (String p : i.participants()) {
            if (!storedParticipants.contains(p)) {
                jdbc.sql("insert into incident_participant (incident_id, username, joined_at) values (?, ?, ?)")
                        .params(i.id(), p, Timestamp.from(i.updatedAt()))
                        .update();
            }
        }
    }

    public long count() {
        return jdbc.sql("select count(*) from incident").query(Long.class).single();
    }

    private List<Long> serviceIds(long incidentId) {
        return jdbc.sql("select service_id from incident_service where incident_id = ? order by service_id")
                .param(incidentId)
                .query(Long.class)
                .list();
    }

    private List<String> participants(long incidentId) {
        return jdbc.sql("select username from incident_participant where incident_id = ? order by joined_at, username")
                .param(incidentId)
                .query(String.class)
                .list();
    }

    private Incident map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return incident(rs, new LinkedHashSet<>(serviceIds(id)), new LinkedHashSet<>(participants(id)));
    }

    /** The aggregate from an {@code incident} row and its child rows, read by the caller. */
    static Incident incident(ResultSet rs, Set<Long> serviceIds, Set<String> participants) throws SQLException {
        long id = rs.getLong("id");
        Map<IncidentRole, String> roles = new EnumMap<>(IncidentRole.class);
        for (var e : ROLE_COLUMNS.entrySet()) {
            String v = rs.getString(e.getValue());
            if (v != null) {
                roles.put(e.getKey(), v);
            }
        }
        Map<Milestone, Instant> milestones = new EnumMap<>(Milestone.class);
        for (var e : MILESTONE_COLUMNS.entrySet()) {
            Instant v = instant(rs, e.getValue());
            if (v != null) {
                milestones.put(e.getKey(), v);
            }
        }
        String closure = rs.getString("closure_reason");
        long dup = rs.getLong("duplicate_of");
        Long duplicateOf = rs.wasNull() ? null : dup;
        long gameDay = rs.getLong("game_day_id");
        Long gameDayId = rs.wasNull() ? null : gameDay;
        return new Incident(
                id,
                rs.getLong("number"),
                rs.getString("title"),
                rs.getString("description"),
                Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getBoolean("private_incident"),
                closure == null ? null : ClosureReason.valueOf(closure),
                duplicateOf,
                roles,
                milestones,
                serviceIds,
                participants,
                rs.getString("declared_by"),
                instant(rs, "updated_at"),
                rs.getInt("version"),
                gameDayId);
    }
}
