package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.postmortem.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_revision} table: every saved content as JSON, and which revision is published. */
@Repository
public class PostmortemRevisionRepository {
    private final JdbcClient jdbc;

    public PostmortemRevisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long id, int number, String author, Instant now, String json) {
        jdbc.sql("""
                        insert into postmortem_revision (postmortem_id, number, author, created_at, published, content)
                        values (?, ?, ?, ?, false, ?)""").params(id, number, author, ts(now), json).update();
    }

    public void markPublished(long id, int number) {
        jdbc.sql("update postmortem_revision set published = true where postmortem_id = ? and number = ?")
                .params(id, number)
                .update();
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

    public Optional<String> content(long id, int number) {
        return jdbc.sql("select content from postmortem_revision where postmortem_id = ? and number = ?")
                .params(id, number)
                .query(String.class)
                .optional();
    }
}
