package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.postmortem.ReviewDecision;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_review_decision} table: approvals and requested changes, per revision. */
@Repository
public class ReviewDecisionRepository {
    private final JdbcClient jdbc;

    public ReviewDecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(long id, int revision, String reviewer, ReviewDecision.Kind decision, String comment, Instant at) {
        jdbc.sql("""
                        insert into postmortem_review_decision
                            (postmortem_id, revision, reviewer, decision, comment, decided_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, revision, reviewer, decision.name(), comment, ts(at))
                .update();
    }

    /** Distinct reviewers who approved {@code revision}. */
    public int approvals(long id, int revision) {
        return jdbc.sql("""
                        select count(distinct reviewer) from postmortem_review_decision
                        where postmortem_id = ? and revision = ? and decision = 'APPROVED'""").params(id, revision).query(Integer.class).single();
    }

    public List<ReviewDecision> decisions(long id) {
        return jdbc.sql("select * from postmortem_review_decision where postmortem_id = ? order by decided_at, id")
                .param(id)
                .query((rs, n) -> new ReviewDecision(
                        rs.getLong("id"),
                        rs.getInt("revision"),
                        rs.getString("reviewer"),
                        ReviewDecision.Kind.valueOf(rs.getString("decision")),
                        rs.getString("comment"),
                        instant(rs, "decided_at")))
                .list();
    }
}
