package dev.kintsugi.oncall.persistence;

import dev.kintsugi.oncall.PageStatus;
import dev.kintsugi.oncall.PageView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Pages and the people they paged; their deliveries are in {@link DeliveryRepository}. */
@Repository
public class PageRepository {
    private final JdbcClient jdbc;

    public PageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Someone paged at a level. */
    public record Recipient(long pageId, String username, int level, Instant pagedAt) {}

    /**
     * Inserts a running page for the subject unless one runs already: empty when another (perhaps a concurrent
     * caller's, waited for by the unique index) holds the subject's active key. {@code on conflict do nothing} keeps
     * the surrounding transaction usable on PostgreSQL, where a failed statement would abort it.
     */
    public java.util.OptionalLong insert(
            String subjectType,
            String subjectId,
            String title,
            String summary,
            String severity,
            String link,
            long policyId,
            List<Long> teamIds,
            List<Long> serviceIds,
            PageStatus status,
            Instant now) {
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        insert into oncall_page (subject_type, subject_id, active_key, title, summary, severity, link,
                            policy_id, team_ids, service_ids, status, created_at, next_step_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(
                        subjectType,
                        subjectId,
                        subjectType + ":" + subjectId,
                        title,
                        summary,
                        severity,
                        link,
                        policyId,
                        join(teamIds),
                        join(serviceIds),
                        status.name(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update(keys, "id");
        if (inserted == 0 || keys.getKeyList().isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(keys.getKeyAs(Number.class).longValue());
    }

    public Optional<PageView> active(String subjectType, String subjectId) {
        return jdbc.sql("select * from oncall_page where active_key = ?")
                .param(subjectType + ":" + subjectId)
                .query(PageRepository::page)
                .optional();
    }

    public Optional<PageView> find(long id) {
        return jdbc.sql("select * from oncall_page where id = ?")
                .param(id)
                .query(PageRepository::page)
                .optional();
    }

    public int step(long id) {
        return jdbc.sql("select step from oncall_page where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    /** The running pages (triggered or held) that paged {@code username}, newest first. */
    public List<PageView> openFor(String username, int limit) {
        return jdbc.sql("""
                        select * from oncall_page p
                        where p.status in ('TRIGGERED', 'HELD')
                          and exists (select 1 from oncall_page_recipient r where r.page_id = p.id and r.username = ?)
                        order by p.created_at desc, p.id desc limit ?""").params(username, limit).query(PageRepository::page).list();
    }

    public List<PageView> recent(int limit) {
        return jdbc.sql("select * from oncall_page order by created_at desc, id desc limit ?")
                .param(limit)
                .query(PageRepository::page)
                .list();
    }

    /** Moves a page to its next step (guarded by the step it was at); 0 rows when another step ran meanwhile. */
    public int advance(long id, int fromStep, PageStatus status, int level, int round, Instant nextStepAt) {
        return jdbc.sql("""
                        update oncall_page set step = step + 1, status = ?, level_index = ?, round = ?, next_step_at = ?,
                            version = version + 1 where id = ? and step = ?""")
                .params(
                        status.name(),
                        level,
                        round,
                        nextStepAt == null ? null : Timestamp.from(nextStepAt),
                        id,
                        fromStep)
                .update();
    }

    public int acknowledge(long id, long version, String username, Instant now) {
        return jdbc.sql("""
                        update oncall_page set status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?,
                            next_step_at = null, step = step + 1, version = version + 1
                        where id = ? and version = ? and status in ('HELD', 'TRIGGERED')""").params(username, Timestamp.from(now), id, version).update();
    }

    public int resolve(long id, long version, Instant now) {
        return jdbc.sql("""
                        update oncall_page set status = 'RESOLVED', resolved_at = ?, active_key = null, next_step_at = null,
                            step = step + 1, version = version + 1
                        where id = ? and version = ? and status <> 'RESOLVED'""").params(Timestamp.from(now), id, version).update();
    }

    /** Pages whose next step is overdue (a lost timer): the sweeper schedules them again. */
    public List<PageView> overdue(Instant before) {
        return jdbc.sql("select * from oncall_page where status in ('HELD', 'TRIGGERED') and next_step_at < ?")
                .param(Timestamp.from(before))
                .query(PageRepository::page)
                .list();
    }

    public void addRecipient(long pageId, String username, int level, Instant at) {
        jdbc.sql("insert into oncall_page_recipient (page_id, username, level_index, paged_at) values (?, ?, ?, ?)")
                .params(pageId, username, level, Timestamp.from(at))
                .update();
    }

    public List<String> recipients(long pageId) {
        return jdbc.sql("select distinct username from oncall_page_recipient where page_id = ? order by username")
                .param(pageId)
                .query(String.class)
                .list();
    }

    public List<Recipient> pagedBetween(Instant from, Instant to) {
        return jdbc.sql("select * from oncall_page_recipient where paged_at >= ? and paged_at < ? order by paged_at")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Recipient(
                        rs.getLong("page_id"),
                        rs.getString("username"),
                        rs.getInt("level_index"),
                        rs.getTimestamp("paged_at").toInstant()))
                .list();
    }

    /** The latest page about a subject, running or not. */
    public Optional<PageView> latest(String subjectType, String subjectId) {
        return jdbc.sql("select * from oncall_page where subject_type = ? and subject_id = ? order by id desc limit 1")
                .params(subjectType, subjectId)
                .query(PageRepository::page)
                .optional();
    }

    private static PageView page(ResultSet rs, int row) throws SQLException {
        return new PageView(
                rs.getLong("id"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("severity"),
                rs.getString("link"),
                rs.getLong("policy_id"),
                PageStatus.valueOf(rs.getString("status")),
                rs.getInt("level_index"),
                rs.getInt("round"),
                rs.getTimestamp("created_at").toInstant(),
                ScheduleRepository.instant(rs.getTimestamp("next_step_at")),
                rs.getString("acknowledged_by"),
                ScheduleRepository.instant(rs.getTimestamp("acknowledged_at")),
                ScheduleRepository.instant(rs.getTimestamp("resolved_at")),
                split(rs.getString("service_ids")),
                split(rs.getString("team_ids")),
                rs.getLong("version"));
    }

    static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Long> split(String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }
}
