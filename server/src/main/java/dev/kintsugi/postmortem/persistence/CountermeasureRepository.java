package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.postmortem.Countermeasure;
import dev.kintsugi.postmortem.CountermeasureDraft;
import dev.kintsugi.postmortem.CountermeasureKind;
import dev.kintsugi.postmortem.CountermeasurePriority;
import dev.kintsugi.postmortem.CountermeasureStatus;
import dev.kintsugi.postmortem.CountermeasureView;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_countermeasure} table. */
@Repository
public class CountermeasureRepository {
    private final JdbcClient jdbc;

    public CountermeasureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Query conditions, already resolved by the facade: {@code teamMembers} widens a team filter to what its members
     * own; {@code visibleTo} (null for admins) hides countermeasures of post-mortems the viewer may not see.
     */
    public record Query(
            String team,
            Collection<String> teamMembers,
            CountermeasureStatus status,
            Boolean overdue,
            CountermeasureKind kind,
            String owner,
            Long postmortemId,
            LocalDate today,
            dev.kintsugi.postmortem.ReadAccess visibleTo) {}

    public long insert(CountermeasureDraft d, CountermeasureStatus status, long postmortemId, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_countermeasure (postmortem_id, title, description, kind, owner_user,
                            owner_team, due_date, priority, status, ticket_key, ticket_url, experiment, created_by,
                            created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        postmortemId,
                        d.title(),
                        d.description(),
                        d.kind().name(),
                        d.ownerUser(),
                        d.ownerTeam(),
                        date(d.dueDate()),
                        d.priority().name(),
                        status.name(),
                        d.ticketKey(),
                        d.ticketUrl(),
                        d.experiment(),
                        by,
                        ts(now),
                        ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * Saves the aggregate (what people wrote, status, reason, done and verified times), if it is still at the
     * version it was loaded at; else 409 and nothing written: someone else changed it meanwhile.
     */
    public void save(Countermeasure c, Instant now) {
        CountermeasureDraft d = c.details();
        int updated = jdbc.sql("""
                        update postmortem_countermeasure set title = ?, description = ?, kind = ?, owner_user = ?,
                            owner_team = ?, due_date = ?, priority = ?, ticket_key = ?, ticket_url = ?, experiment = ?,
                            status = ?, wont_do_reason = ?, done_at = ?, verified_at = ?, updated_at = ?,
                            version = version + 1
                        where id = ? and version = ?""")
                .params(
                        d.title(),
                        d.description(),
                        d.kind().name(),
                        d.ownerUser(),
                        d.ownerTeam(),
                        date(d.dueDate()),
                        d.priority().name(),
                        d.ticketKey(),
                        d.ticketUrl(),
                        d.experiment(),
                        c.status().name(),
                        c.wontDoReason(),
                        ts(c.doneAt()),
                        ts(c.verifiedAt()),
                        ts(now),
                        c.id(),
                        c.version())
                .update();
        if (updated == 0) {
            throw new ConflictException(
                    "conflict.changedReapply",
                    c.key() + " was changed by someone else meanwhile; read it again and reapply your change",
                    java.util.Map.of("field", "version"),
                    c.key());
        }
    }

    public void markReminded(long id, boolean beforeDue, LocalDate on) {
        jdbc.sql("update postmortem_countermeasure set " + (beforeDue ? "reminded_before_due" : "reminded_after_due")
                        + " = ? where id = ?")
                .params(date(on), id)
                .update();
    }

    public Optional<CountermeasureView> find(long id, LocalDate today) {
        return jdbc.sql("select * from postmortem_countermeasure where id = ?")
                .param(id)
                .query((rs, n) -> map(rs, today))
                .optional();
    }

    public PageResult<CountermeasureView> search(Query q, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (q.postmortemId() != null) {
            where.append(" and c.postmortem_id = ?");
            params.add(q.postmortemId());
        }
        if (q.status() != null) {
            where.append(" and c.status = ?");
            params.add(q.status().name());
        }
        if (q.kind() != null) {
            where.append(" and c.kind = ?");
            params.add(q.kind().name());
        }
        if (q.owner() != null) {
            where.append(" and (c.owner_user = ? or c.owner_team = ?)");
            params.add(q.owner());
            params.add(q.owner());
        }
        if (q.team() != null) {
            where.append(" and (c.owner_team = ?");
            params.add(q.team());
            if (!q.teamMembers().isEmpty()) {
                where.append(" or c.owner_user in (")
                        .append(String.join(
                                ", ", q.teamMembers().stream().map(m -> "?").toList()))
                        .append(")");
                params.addAll(q.teamMembers());
            }
            where.append(")");
        }
        if (q.overdue() != null) {
            String overdue = "(c.status in ('OPEN', 'IN_PROGRESS') and c.due_date is not null and c.due_date < ?)";
            where.append(q.overdue() ? " and " : " and not ").append(overdue);
            params.add(date(q.today()));
        }
        if (q.visibleTo() != null) {
            where.append(" and ").append(PostmortemVisibility.condition(q.visibleTo()));
            params.addAll(PostmortemVisibility.params(q.visibleTo()));
        }
        String from = " from postmortem_countermeasure c join postmortem p on p.id = c.postmortem_id";
        long total = jdbc.sql("select count(*)" + from + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<CountermeasureView> items = jdbc.sql("select c.*" + from + where
                        + " order by case when c.status in ('OPEN', 'IN_PROGRESS') then 0 else 1 end,"
                        + " c.due_date nulls last, c.priority, c.id limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> map(rs, q.today()))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** The countermeasures of several post-mortems ({@code marks}: one {@code ?} per id), by post-mortem, then id. */
    List<CountermeasureView> ofPostmortems(List<Long> ids, String marks, LocalDate today) {
        return jdbc.sql("select * from postmortem_countermeasure where postmortem_id in (" + marks
                        + ") order by postmortem_id, id")
                .params(ids)
                .query((rs, n) -> map(rs, today))
                .list();
    }

    /** Active countermeasures with a due date: the reminder job decides which need an e-mail today. */
    public List<CountermeasureView> activeWithDueDate(LocalDate today) {
        return jdbc.sql("""
                        select * from postmortem_countermeasure where status in ('OPEN', 'IN_PROGRESS')
                            and due_date is not null order by due_date, id""").query((rs, n) -> map(rs, today)).list();
    }

    public record Reminded(LocalDate beforeDue, LocalDate afterDue) {}

    public Reminded reminded(long id) {
        return jdbc.sql("select reminded_before_due, reminded_after_due from postmortem_countermeasure where id = ?")
                .param(id)
                .query((rs, n) ->
                        new Reminded(localDate(rs, "reminded_before_due"), localDate(rs, "reminded_after_due")))
                .single();
    }

    private static CountermeasureView map(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = localDate(rs, "due_date");
        CountermeasureStatus status = CountermeasureStatus.valueOf(rs.getString("status"));
        return new CountermeasureView(
                rs.getLong("id"),
                rs.getLong("postmortem_id"),
                rs.getString("title"),
                rs.getString("description"),
                CountermeasureKind.valueOf(rs.getString("kind")),
                rs.getString("owner_user"),
                rs.getString("owner_team"),
                due,
                CountermeasurePriority.valueOf(rs.getString("priority")),
                status,
                rs.getString("wont_do_reason"),
                rs.getString("ticket_key"),
                rs.getString("ticket_url"),
                rs.getString("experiment"),
                instant(rs, "verified_at"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "done_at"),
                status.isActive() && due != null && due.isBefore(today),
                rs.getInt("version"));
    }

    static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    static LocalDate localDate(ResultSet rs, String col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }
}
