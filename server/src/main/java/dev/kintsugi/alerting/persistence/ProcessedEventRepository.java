package dev.kintsugi.alerting.persistence;

import static dev.kintsugi.platform.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ids of the events already applied, recorded with their effects so that a replay of the spool changes nothing. */
@Repository
public class ProcessedEventRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public ProcessedEventRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Records that an event was applied; false when it was already (a replay). */
    public boolean markProcessed(String eventId, Instant now) {
        Integer seen = jdbc.sql("select count(*) from alerting_processed_event where event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
        if (seen > 0) {
            return false;
        }
        try {
            jdbc.sql("insert into alerting_processed_event (event_id, processed_at) values (?, ?)")
                    .params(eventId, ts(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Records, for a batch, the ids of events not applied before (one query and one batched insert); returns those
     * ids: the others are replays. Ids repeated within the batch count once.
     */
    public Set<String> markProcessed(List<String> eventIds, Instant now) {
        Set<String> fresh = new LinkedHashSet<>(eventIds);
        if (fresh.isEmpty()) {
            return fresh;
        }
        List<String> seen = jdbc.sql("select event_id from alerting_processed_event where event_id in (:ids)")
                .param("ids", fresh)
                .query(String.class)
                .list();
        seen.forEach(fresh::remove);
        if (!fresh.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(fresh.size());
            java.sql.Timestamp at = ts(now);
            fresh.forEach(id -> rows.add(new Object[] {id, at}));
            batch.batchUpdate("insert into alerting_processed_event (event_id, processed_at) values (?, ?)", rows);
        }
        return fresh;
    }

    /** Forgets the ids of events applied before {@code before}: the spool never replays that far back. */
    public int forgetProcessedBefore(Instant before) {
        return jdbc.sql("delete from alerting_processed_event where processed_at < ?")
                .param(ts(before))
                .update();
    }

    public long processedCount() {
        return jdbc.sql("select count(*) from alerting_processed_event")
                .query(Long.class)
                .single();
    }
}
