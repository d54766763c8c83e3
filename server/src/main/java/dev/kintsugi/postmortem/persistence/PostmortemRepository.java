package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.postmortem.Comment;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.LinkKind;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.Revision;
import dev.kintsugi.postmortem.TimelineItem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The post-mortem tables. Content lists (factors, decisions, links, tags...) are replaced as a whole on save. */
@Repository
public class PostmortemRepository {
    private final JdbcClient jdbc;

    public PostmortemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The row without its content lists. */
    public record Row(
            long id,
            Long incidentId,
            Origin origin,
            PostmortemStatus status,
            boolean privateReview,
            int revision,
            Integer publishedRevision,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            Instant publishedAt,
            int version) {}

    public long insert(
            Long incidentId, Origin origin, String title, boolean privateReview, String createdBy, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem (incident_id, origin, title, status, private_review, created_by,
                            created_at, updated_at) values (?, ?, ?, 'DRAFT', ?, ?, ?, ?)""")
                .params(incidentId, origin.name(), title, privateReview, createdBy, ts(now), ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select * from postmortem where id = ?")
                .param(id)
                .query(PostmortemRepository::row)
                .optional();
    }

    public Optional<Long> idForIncident(long incidentId) {
        return jdbc.sql("select id from postmortem where incident_id = ?")
                .param(incidentId)
                .query(Long.class)
                .optional();
    }

    /** Content as stored now: the columns plus the lists (services as ids; the facade resolves names). */
    public PostmortemContent content(long id, List<String> serviceNames) {
        return jdbc.sql("select * from postmortem where id = ?")
                .param(id)
                .query((rs, n) -> new PostmortemContent(
                        rs.getString("title"),
                        rs.getString("severity"),
                        rs.getBoolean("scheduled"),
                        rs.getString("facilitator"),
                        rs.getString("owner"),
                        rs.getString("summary"),
                        rs.getString("customer_impact"),
                        rs.getString("went_well"),
                        rs.getString("was_hard"),
                        rs.getString("got_lucky"),
                        rs.getString("detection"),
                        strings(
                                "select username from postmortem_participant where postmortem_id = ? order by username",
                                id),
                        strings("select tag from postmortem_tag where postmortem_id = ? order by tag", id),
                        serviceNames,
                        factors(id),
                        decisions(id),
                        links(id)))
                .single();
    }

    public List<Long> serviceIds(long id) {
        return jdbc.sql("select service_id from postmortem_service where postmortem_id = ? order by service_id")
                .param(id)
                .query(Long.class)
                .list();
    }

    /** Saves the content and bumps revision and version; refuses (409) if someone saved since {@code version}. */
    public void saveContent(long id, int version, PostmortemContent c, List<Long> serviceIds, Instant now) {
        int updated = jdbc.sql("""
                        update postmortem set title = ?, severity = ?, scheduled = ?, facilitator = ?, owner = ?,
                            summary = ?, customer_impact = ?, went_well = ?, was_hard = ?, got_lucky = ?, detection = ?,
                            revision = revision + 1, updated_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        c.title(),
                        c.severity(),
                        c.scheduled(),
                        c.facilitator(),
                        c.owner(),
                        c.summary(),
                        c.customerImpact(),
                        c.wentWell(),
                        c.wasHard(),
                        c.gotLucky(),
                        c.detection(),
                        ts(now),
                        id,
                        version)
                .update();
        if (updated == 0) {
            throw new ConflictException("PM-" + id + " was changed by someone else meanwhile; reload and try again");
        }
        replace("postmortem_participant", id);
        for (String p : c.participants()) {
            jdbc.sql("insert into postmortem_participant (postmortem_id, username) values (?, ?)")
                    .params(id, p)
                    .update();
        }
        replace("postmortem_tag", id);
        for (String t : c.tags()) {
            jdbc.sql("insert into postmortem_tag (postmortem_id, tag) values (?, ?)")
                    .params(id, t)
                    .update();
        }
        replace("postmortem_service", id);
        for (Long s : serviceIds) {
            jdbc.sql("insert into postmortem_service (postmortem_id, service_id) values (?, ?)")
                    .params(id, s)
                    .update();
        }
        replace("postmortem_factor", id);
        for (int i = 0; i < c.factors().size(); i++) {
            var f = c.factors().get(i);
            jdbc.sql(
                            "insert into postmortem_factor (postmortem_id, category, description, position) values (?, ?, ?, ?)")
                    .params(id, f.category().name(), f.description(), i)
                    .update();
        }
        replace("postmortem_decision", id);
        for (int i = 0; i < c.decisions().size(); i++) {
            var d = c.decisions().get(i);
            jdbc.sql("""
                            insert into postmortem_decision (postmortem_id, decision, why_it_made_sense, decided_at, position)
                            values (?, ?, ?, ?, ?)""")
                    .params(id, d.decision(), d.whyItMadeSense(), ts(d.decidedAt()), i)
                    .update();
        }
        replace("postmortem_link", id);
        for (int i = 0; i < c.links().size(); i++) {
            var l = c.links().get(i);
            jdbc.sql("insert into postmortem_link (postmortem_id, kind, title, url, position) values (?, ?, ?, ?, ?)")
                    .params(id, l.kind().name(), l.title(), l.url(), i)
                    .update();
        }
    }

    public void setStatus(long id, PostmortemStatus status, Instant now) {
        jdbc.sql("update postmortem set status = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(status.name(), ts(now), id)
                .update();
    }

    public void markPublished(long id, int revision, Instant now) {
        jdbc.sql("""
                        update postmortem set status = 'PUBLISHED', published_revision = ?, published_at = ?,
                            updated_at = ?, version = version + 1 where id = ?""").params(revision, ts(now), ts(now), id).update();
        jdbc.sql("update postmortem_revision set published = true where postmortem_id = ? and number = ?")
                .params(id, revision)
                .update();
    }

    // ---- revisions ----

    public void insertRevision(long id, int number, String author, Instant now, String json) {
        jdbc.sql("""
                        insert into postmortem_revision (postmortem_id, number, author, created_at, published, content)
                        values (?, ?, ?, ?, false, ?)""").params(id, number, author, ts(now), json).update();
    }

    public List<Revision> revisions(long id) {
        return jdbc.sql("select number, author, created_at, published from postmortem_revision where postmortem_id = ?"
                        + " order by number desc")
                .param(id)
                .query((rs, n) -> new Revision(
                        rs.getInt("number"),
                        rs.getString("author"),
                        instant(rs, "created_at"),
                        rs.getBoolean("published")))
                .list();
    }

    public Optional<String> revisionContent(long id, int number) {
        return jdbc.sql("select content from postmortem_revision where postmortem_id = ? and number = ?")
                .params(id, number)
                .query(String.class)
                .optional();
    }

    // ---- timeline ----

    public long addEntry(long id, Instant at, String author, String perspective, EntrySource source, String body) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_timeline_entry (postmortem_id, occurred_at, author, perspective, source, body)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, ts(at), author, perspective, source.name(), body)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public int updateEntry(long id, long entryId, Instant at, String author, String perspective, String body) {
        return jdbc.sql("""
                        update postmortem_timeline_entry set occurred_at = ?, author = ?, perspective = ?, body = ?
                        where id = ? and postmortem_id = ?""")
                .params(ts(at), author, perspective, body, entryId, id)
                .update();
    }

    public int deleteEntry(long id, long entryId) {
        return jdbc.sql("delete from postmortem_timeline_entry where id = ? and postmortem_id = ?")
                .params(entryId, id)
                .update();
    }

    /** Ordered by time: entries are "reordered" by editing their time. */
    public List<TimelineItem> timeline(long id) {
        return jdbc.sql("select * from postmortem_timeline_entry where postmortem_id = ? order by occurred_at, id")
                .param(id)
                .query((rs, n) -> new TimelineItem(
                        rs.getLong("id"),
                        instant(rs, "occurred_at"),
                        rs.getString("author"),
                        rs.getString("perspective"),
                        EntrySource.valueOf(rs.getString("source")),
                        rs.getString("body")))
                .list();
    }

    // ---- comments ----

    public long addComment(long id, String author, String field, String body, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "insert into postmortem_comment (postmortem_id, author, field, body, created_at) values (?, ?, ?, ?, ?)")
                .params(id, author, field, body, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Comment> comments(long id) {
        return jdbc.sql("select * from postmortem_comment where postmortem_id = ? order by created_at, id")
                .param(id)
                .query((rs, n) -> new Comment(
                        rs.getLong("id"),
                        rs.getString("author"),
                        rs.getString("field"),
                        rs.getString("body"),
                        instant(rs, "created_at")))
                .list();
    }

    // ---- images ----

    public long addImage(long id, String filename, String contentType, byte[] data, String author, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_image (postmortem_id, filename, content_type, size_bytes, data, uploaded_by,
                            uploaded_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, filename, contentType, data.length, data, author, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<dev.kintsugi.postmortem.Image> images(long id) {
        return jdbc.sql("select id, filename, content_type, size_bytes, uploaded_by, uploaded_at from postmortem_image"
                        + " where postmortem_id = ? order by id")
                .param(id)
                .query((rs, n) -> new dev.kintsugi.postmortem.Image(
                        rs.getLong("id"),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getInt("size_bytes"),
                        rs.getString("uploaded_by"),
                        instant(rs, "uploaded_at"),
                        null))
                .list();
    }

    public Optional<dev.kintsugi.postmortem.Image> image(long id, long imageId) {
        return jdbc.sql("select * from postmortem_image where postmortem_id = ? and id = ?")
                .params(id, imageId)
                .query((rs, n) -> new dev.kintsugi.postmortem.Image(
                        rs.getLong("id"),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getInt("size_bytes"),
                        rs.getString("uploaded_by"),
                        instant(rs, "uploaded_at"),
                        rs.getBytes("data")))
                .optional();
    }

    // ---- helpers ----

    private void replace(String table, long id) {
        jdbc.sql("delete from " + table + " where postmortem_id = ?").param(id).update();
    }

    private List<String> strings(String sql, long id) {
        return jdbc.sql(sql).param(id).query(String.class).list();
    }

    private List<PostmortemContent.Factor> factors(long id) {
        return jdbc.sql("select category, description from postmortem_factor where postmortem_id = ? order by position")
                .param(id)
                .query((rs, n) -> new PostmortemContent.Factor(
                        FactorCategory.valueOf(rs.getString("category")), rs.getString("description")))
                .list();
    }

    private List<PostmortemContent.Decision> decisions(long id) {
        return jdbc.sql("select * from postmortem_decision where postmortem_id = ? order by position")
                .param(id)
                .query((rs, n) -> new PostmortemContent.Decision(
                        rs.getString("decision"), rs.getString("why_it_made_sense"), instant(rs, "decided_at")))
                .list();
    }

    private List<PostmortemContent.Link> links(long id) {
        return jdbc.sql("select kind, title, url from postmortem_link where postmortem_id = ? order by position")
                .param(id)
                .query((rs, n) -> new PostmortemContent.Link(
                        LinkKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("url")))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long incident = rs.getLong("incident_id");
        Long incidentId = rs.wasNull() ? null : incident;
        int pub = rs.getInt("published_revision");
        Integer published = rs.wasNull() ? null : pub;
        return new Row(
                rs.getLong("id"),
                incidentId,
                Origin.valueOf(rs.getString("origin")),
                PostmortemStatus.valueOf(rs.getString("status")),
                rs.getBoolean("private_review"),
                rs.getInt("revision"),
                published,
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "published_at"),
                rs.getInt("version"));
    }
}
