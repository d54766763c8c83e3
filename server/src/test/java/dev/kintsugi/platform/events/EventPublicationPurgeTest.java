package dev.kintsugi.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry does not grow without end: completed publications are archived by Modulith and purged after the
 * retention; a long-incomplete one is reported and kept.
 */
class EventPublicationPurgeTest extends IntegrationTest {
    @Autowired
    EventPublicationPurge purge;

    @Autowired
    EventPublicationProperties properties;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    AdjustableClock clock;

    @Autowired
    JdbcClient jdbc;

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void completedPublicationsArePurgedAfterTheRetentionAndStaleOnesReported() {
        String key = tx.execute(s -> incidents
                .declare(new DeclareIncident(
                        unique("Purge me"), "x".repeat(5_000), Severity.SEV5, List.of(), null, null, false, null, null))
                .key());
        String pattern = "%\"" + key + "\"%";
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("select count(*) from event_publication_archive where serialized_event like ?")
                                        .param(pattern)
                                        .query(Long.class)
                                        .single())
                        .as("the listener ran and its publication was archived (a 5,000-character event fits)")
                        .isPositive());
        assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like ?")
                        .param(pattern)
                        .query(Long.class)
                        .single())
                .isZero();

        UUID stuck = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                            status, completion_attempts) values (?, ?, ?, ?, ?, 'PUBLISHED', 1)""")
                .params(stuck, "test.NeverCompletes.on", "test.Stuck", "{}", Timestamp.from(now))
                .update();
        try {
            long archivedBefore = count("event_publication_archive");
            assertThat(archivedBefore).isPositive();

            EventPublicationPurge.Report soon = purge.purge();
            assertThat(soon.completedDeleted()).as("nothing is old enough yet").isZero();
            assertThat(jdbc.sql("select count(*) from event_publication_archive where serialized_event like ?")
                            .param(pattern)
                            .query(Long.class)
                            .single())
                    .isPositive();

            Instant later = now.plus(properties.completedRetention()).plus(Duration.ofDays(1));
            EventPublicationPurge.Report report = clock.callAt(later, purge::purge);

            assertThat(report.completedDeleted()).isGreaterThanOrEqualTo(1);
            assertThat(jdbc.sql("select count(*) from event_publication_archive where serialized_event like ?")
                            .param(pattern)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(count("event_publication_archive")).isLessThan(archivedBefore);
            assertThat(report.stale()).as("the stuck publication is reported").isGreaterThanOrEqualTo(1);
            assertThat(report.incompleteDeleted())
                    .as("and kept: no incomplete retention is set")
                    .isZero();
            assertThat(jdbc.sql("select count(*) from event_publication where id = ?")
                            .param(stuck)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            jdbc.sql("delete from event_publication where id = ?").param(stuck).update();
        }
    }
}
