package dev.kintsugi.postmortem.persistence;

import dev.kintsugi.platform.PageResult;
import dev.kintsugi.postmortem.PostmortemStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read queries over post-mortems for the library, the feed and the digest, with the visibility rule in SQL. */
@Repository
public class LibraryRepository {
    private final JdbcClient jdbc;

    public LibraryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code serviceIds} (resolved from a service or team filter) restricts to post-mortems of any of them; an empty
     * non-null set matches nothing. {@code viewer} null means no visibility restriction (admins, the system).
     */
    public record Query(
            PostmortemStatus status,
            Collection<Long> serviceIds,
            String severity,
            String tag,
            Instant from,
            Instant to,
            dev.kintsugi.postmortem.ReadAccess viewer,
            String text) {}

    /** The written fields the library's text search looks in. */
    private static final List<String> SEARCHED = List.of(
            "p.title", "p.summary", "p.customer_impact", "p.went_well", "p.was_hard", "p.got_lucky", "p.detection");

    /** A row: the published revision's JSON content for published ones, else null (the columns are current). */
    public record Row(
            long id,
            Long incidentId,
            String title,
            String severity,
            PostmortemStatus status,
            String summary,
            Instant publishedAt,
            Instant updatedAt,
            String publishedContent) {}

    public PageResult<Row> search(Query q, int page, int size) {
        if (q.serviceIds() != null && q.serviceIds().isEmpty()) {
            return new PageResult<>(List.of(), page, size, 0);
        }
        // published: also those being amended, their published revision still readable until the next one
        List<Object> params = new ArrayList<>();
        StringBuilder where;
        if (q.status() == PostmortemStatus.PUBLISHED) {
            where = new StringBuilder(" where p.published_revision is not null");
        } else {
            where = new StringBuilder(" where p.status = ?");
            params.add(q.status().name());
        }
        if (q.serviceIds() != null) {
            where.append(" and exists (select 1 from postmortem_service s where s.postmortem_id = p.id"
                            + " and s.service_id in (")
                    .append(String.join(
                            ", ", q.serviceIds().stream().map(x -> "?").toList()))
                    .append("))");
            params.addAll(q.serviceIds());
        }
        if (q.severity() != null) {
            where.append(" and p.severity = ?");
            params.add(q.severity());
        }
        if (q.tag() != null) {
            where.append(" and exists (select 1 from postmortem_tag t where t.postmortem_id = p.id and t.tag = ?)");
            params.add(q.tag());
        }
        String time = q.status() == PostmortemStatus.PUBLISHED ? "p.published_at" : "p.updated_at";
        if (q.from() != null) {
            where.append(" and ").append(time).append(" >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and ").append(time).append(" < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.text() != null && !q.text().isBlank()) {
            // every word somewhere in the title or a written field, case-insensitive, wildcards taken literally
            for (String word :
                    q.text().trim().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
                String like =
                        "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                where.append(" and (")
                        .append(String.join(
                                " or ",
                                SEARCHED.stream()
                                        .map(c -> "lower(coalesce(" + c + ", '')) like ? escape '\\'")
                                        .toList()))
                        .append(")");
                SEARCHED.forEach(c -> params.add(like));
            }
        }
        if (q.viewer() != null) {
            where.append(" and ").append(PostmortemVisibility.condition(q.viewer()));
            params.addAll(PostmortemVisibility.params(q.viewer()));
        }
        long total = jdbc.sql("select count(*) from postmortem p" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Row> rows = jdbc.sql("select p.*, r.content as published_content from postmortem p"
                        + " left join postmortem_revision r on r.postmortem_id = p.id and r.number = p.published_revision"
                        + where + " order by " + time + " desc, p.id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> {
                    long incident = rs.getLong("incident_id");
                    Long incidentId = rs.wasNull() ? null : incident;
                    return new Row(
                            rs.getLong("id"),
                            incidentId,
                            rs.getString("title"),
                            rs.getString("severity"),
                            PostmortemStatus.valueOf(rs.getString("status")),
                            rs.getString("summary"),
                            dev.kintsugi.platform.Sql.instant(rs, "published_at"),
                            dev.kintsugi.platform.Sql.instant(rs, "updated_at"),
                            rs.getString("published_content"));
                })
                .list();
        return new PageResult<>(rows, page, size, total);
    }

    public List<String> tags(long id) {
        return jdbc.sql("select tag from postmortem_tag where postmortem_id = ? order by tag")
                .param(id)
                .query(String.class)
                .list();
    }

    public List<Long> serviceIds(long id) {
        return jdbc.sql("select service_id from postmortem_service where postmortem_id = ? order by service_id")
                .param(id)
                .query(Long.class)
                .list();
    }

    // ---- digest subscriptions ----

    public boolean subscribed(String username) {
        return jdbc.sql("select count(*) from postmortem_digest_subscription where username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public boolean subscribe(String username, Instant now) {
        if (subscribed(username)) {
            return false;
        }
        jdbc.sql("insert into postmortem_digest_subscription (username, subscribed_at) values (?, ?)")
                .params(username, Timestamp.from(now))
                .update();
        return true;
    }

    public boolean unsubscribe(String username) {
        return jdbc.sql("delete from postmortem_digest_subscription where username = ?")
                        .param(username)
                        .update()
                > 0;
    }

    public List<String> subscribers() {
        return jdbc.sql("select username from postmortem_digest_subscription order by username")
                .query(String.class)
                .list();
    }
}
