package dev.kintsugi.platform.persistence;

import dev.kintsugi.platform.AuditEntry;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.PageResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code platform_audit_entry} table: insert and read, never update or delete. */
@Repository
public class AuditRepository {
    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            String summary,
            String before,
            String after) {
        jdbc.sql("""
                        insert into platform_audit_entry (occurred_at, actor, action, target_type, target_id, summary,
                            before_state, after_state) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), actor, action, targetType, targetId, summary, before, after)
                .update();
    }

    public PageResult<AuditEntry> search(AuditQuery q, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (notBlank(q.actor())) {
            where.append(" and actor = ?");
            params.add(q.actor().trim());
        }
        if (notBlank(q.action())) {
            where.append(" and action like ?");
            params.add(q.action().trim() + "%");
        }
        if (notBlank(q.targetType())) {
            where.append(" and target_type = ?");
            params.add(q.targetType().trim());
        }
        if (notBlank(q.targetId())) {
            where.append(" and target_id = ?");
            params.add(q.targetId().trim());
        }
        if (q.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        long total = jdbc.sql("select count(*) from platform_audit_entry" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<AuditEntry> items = jdbc.sql("select * from platform_audit_entry" + where
                        + " order by occurred_at desc, id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target_type"),
                        rs.getString("target_id"),
                        rs.getString("summary"),
                        rs.getString("before_state"),
                        rs.getString("after_state")))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
