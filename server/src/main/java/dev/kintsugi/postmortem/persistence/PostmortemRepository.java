package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.LinkKind;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemReview;
import dev.kintsugi.postmortem.PostmortemStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code postmortem} table and its content lists (participants, tags, services, factors, decisions, links),
 * which are replaced as a whole on save. Revisions, timeline, comments and images have their own repositories.
 */
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
            int version,
            String overrideReason,
            String noCountermeasureReason) {}

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
                .query((rs, n) -> content(
                        rs,
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

    /** The content from a {@code postmortem} row and its lists, read by the caller. */
    static PostmortemContent content(
            ResultSet rs,
            List<String> participants,
            List<String> tags,
            List<String> serviceNames,
            List<PostmortemContent.Factor> factors,
            List<PostmortemContent.Decision> decisions,
            List<PostmortemContent.Link> links)
            throws SQLException {
        return new PostmortemContent(
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
                participants,
                tags,
                serviceNames,
                factors,
                decisions,
                links);
    }

    public List<Long> serviceIds(long id) {
        return jdbc.sql("select service_id from postmortem_service where postmortem_id = ? order by service_id")
                .param(id)
                .query(Long.class)
                .list();
    }

    /**
     * Saves the aggregate: its status and publication, and its content when it changed (lists replaced as a
     * whole). Guarded by the version it was loaded at: someone else's save in between answers 409, nothing
     * written.
     */
    public void save(PostmortemReview r, List<Long> serviceIds, Instant now) {
        PostmortemContent c = r.content();
        int updated = jdbc.sql("""
                        update postmortem set title = ?, severity = ?, scheduled = ?, facilitator = ?, owner = ?,
                            summary = ?, customer_impact = ?, went_well = ?, was_hard = ?, got_lucky = ?, detection = ?,
                            status = ?, revision = ?, published_revision = ?, published_at = ?, updated_at = ?,
                            override_reason = ?, no_countermeasure_reason = ?, version = version + 1
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
                        r.status().name(),
                        r.revision(),
                        r.publishedRevision(),
                        ts(r.publishedAt()),
                        ts(now),
                        r.overrideReason(),
                        r.noCountermeasureReason(),
                        r.id(),
                        r.version())
                .update();
        if (updated == 0) {
            throw new ConflictException(
                    "conflict.changedMeanwhile",
                    r.key() + " was changed by someone else meanwhile; reload and try again",
                    java.util.Map.of("field", "version"),
                    r.key());
        }
        if (r.contentChanged()) {
            saveLists(r.id(), c, serviceIds);
        }
    }

    private void saveLists(long id, PostmortemContent c, List<Long> serviceIds) {
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
                .query((rs, n) -> factor(rs))
                .list();
    }

    private List<PostmortemContent.Decision> decisions(long id) {
        return jdbc.sql("select * from postmortem_decision where postmortem_id = ? order by position")
                .param(id)
                .query((rs, n) -> decision(rs))
                .list();
    }

    private List<PostmortemContent.Link> links(long id) {
        return jdbc.sql("select kind, title, url from postmortem_link where postmortem_id = ? order by position")
                .param(id)
                .query((rs, n) -> link(rs))
                .list();
    }

    static PostmortemContent.Factor factor(ResultSet rs) throws SQLException {
        return new PostmortemContent.Factor(
                FactorCategory.valueOf(rs.getString("category")), rs.getString("description"));
    }

    static PostmortemContent.Decision decision(ResultSet rs) throws SQLException {
        return new PostmortemContent.Decision(
                rs.getString("decision"), rs.getString("why_it_made_sense"), instant(rs, "decided_at"));
    }

    static PostmortemContent.Link link(ResultSet rs) throws SQLException {
        return new PostmortemContent.Link(
                LinkKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("url"));
    }

    static Row row(ResultSet rs, int n) throws SQLException {
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
                rs.getInt("version"),
                rs.getString("override_reason"),
                rs.getString("no_countermeasure_reason"));
    }
}
