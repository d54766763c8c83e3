package dev.kintsugi.platform.events;

import static dev.kintsugi.platform.Sql.instant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps Spring Modulith's event publication registry small. Completed publications are moved to
 * {@code event_publication_archive} when their listener succeeds ({@code spring.modulith.events.completion-mode:
 * archive}); this deletes those older than the retention, logs incomplete ones that have waited too long (a
 * listener keeps failing), and deletes those only past the optional incomplete retention. Time comes from the
 * application's clock. Run by db-scheduler, once per cluster ({@link EventPublicationJobs}).
 */
@Component
public class EventPublicationPurge {
    private static final Logger log = LoggerFactory.getLogger(EventPublicationPurge.class);

    private final JdbcClient jdbc;
    private final EventPublicationProperties properties;
    private final Clock clock;

    EventPublicationPurge(JdbcClient jdbc, EventPublicationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one purge did. */
    public record Report(int completedDeleted, int stale, int incompleteDeleted) {}

    @Transactional
    public Report purge() {
        Instant now = clock.instant();
        Timestamp completedBefore = Timestamp.from(now.minus(properties.completedRetention()));
        int completed = jdbc.sql("delete from event_publication_archive where completion_date < ?")
                        .param(completedBefore)
                        .update()
                // publications completed before the archive mode was on, or by an UPDATE-mode instance
                + jdbc.sql("delete from event_publication where completion_date is not null and completion_date < ?")
                        .param(completedBefore)
                        .update();
        List<Stale> stale = jdbc.sql("""
                        select id, listener_id, event_type, publication_date from event_publication
                        where completion_date is null and publication_date < ? order by publication_date""")
                .param(Timestamp.from(now.minus(properties.staleAfter())))
                .query((rs, n) -> new Stale(
                        rs.getString("id"),
                        rs.getString("listener_id"),
                        rs.getString("event_type"),
                        instant(rs, "publication_date")))
                .list();
        for (Stale s : stale) {
            log.warn(
                    "Event publication {} ({} for listener {}) published at {} is still incomplete",
                    s.id(),
                    s.eventType(),
                    s.listenerId(),
                    s.publishedAt());
        }
        int incomplete = 0;
        if (properties.incompleteRetention() != null) {
            Timestamp before = Timestamp.from(now.minus(properties.incompleteRetention()));
            for (Stale s : stale) {
                if (s.publishedAt().isBefore(before.toInstant())) {
                    log.error(
                            "Deleting event publication {} ({} for listener {}), incomplete since {}: {}",
                            s.id(),
                            s.eventType(),
                            s.listenerId(),
                            s.publishedAt(),
                            jdbc.sql("select serialized_event from event_publication where id = cast(? as uuid)")
                                    .param(s.id())
                                    .query(String.class)
                                    .single());
                }
            }
            incomplete = jdbc.sql(
                            "delete from event_publication where completion_date is null and publication_date < ?")
                    .param(before)
                    .update();
        }
        if (completed > 0 || !stale.isEmpty()) {
            log.info(
                    "Event publications: {} completed deleted, {} stale incomplete, {} incomplete deleted",
                    completed,
                    stale.size(),
                    incomplete);
        }
        return new Report(completed, stale.size(), incomplete);
    }

    private record Stale(String id, String listenerId, String eventType, Instant publishedAt) {}
}
