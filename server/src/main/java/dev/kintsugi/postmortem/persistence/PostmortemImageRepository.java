package dev.kintsugi.postmortem.persistence;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import dev.kintsugi.postmortem.Image;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_image} table. Images are immutable: uploaded once, never changed. */
@Repository
public class PostmortemImageRepository {
    private final JdbcClient jdbc;

    public PostmortemImageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long add(long id, String filename, String contentType, byte[] data, String author, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into postmortem_image (postmortem_id, filename, content_type, size_bytes, data, uploaded_by,
                            uploaded_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, filename, contentType, data.length, data, author, ts(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The images without their bytes. */
    public List<Image> images(long id) {
        return jdbc.sql("select id, filename, content_type, size_bytes, uploaded_by, uploaded_at from postmortem_image"
                        + " where postmortem_id = ? order by id")
                .param(id)
                .query((rs, n) -> image(rs, null))
                .list();
    }

    public Optional<Image> image(long id, long imageId) {
        return jdbc.sql("select * from postmortem_image where postmortem_id = ? and id = ?")
                .params(id, imageId)
                .query((rs, n) -> image(rs, rs.getBytes("data")))
                .optional();
    }

    private static Image image(ResultSet rs, byte[] data) throws SQLException {
        return new Image(
                rs.getLong("id"),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getInt("size_bytes"),
                rs.getString("uploaded_by"),
                instant(rs, "uploaded_at"),
                data);
    }
}
