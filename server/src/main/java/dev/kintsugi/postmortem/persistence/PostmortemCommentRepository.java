package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.postmortem.Comment;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_comment} table. Comments are written once, never edited. */
@Repository
public class PostmortemCommentRepository {
    private final JdbcClient jdbc;

    public PostmortemCommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long add(long id, String author, String field, String body, Instant now) {
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
}
