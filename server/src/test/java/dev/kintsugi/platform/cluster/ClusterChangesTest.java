package dev.kintsugi.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change log on the suite's database (H2, or PostgreSQL with LISTEN/NOTIFY on its pass): what a transaction
 * appends reaches the listeners only once it commits, nothing of a rolled-back one, and a change whose transaction
 * commits after a later one is still handed on.
 */
class ClusterChangesTest extends IntegrationTest {
    @Autowired
    ClusterChanges changes;

    @Autowired
    DatabaseClusterChanges database;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private List<ClusterChange> listen(String topic) {
        List<ClusterChange> received = new CopyOnWriteArrayList<>();
        changes.follow(topic, received::add);
        return received;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keys(List<ClusterChange> received) {
        return received.stream().map(ClusterChange::key).toList();
    }

    @Test
    void aChangeReachesTheListenersOfItsTopicAfterCommitAndNotBefore() {
        String topic = unique("t").toLowerCase();
        List<ClusterChange> received = listen(topic);
        List<ClusterChange> other = listen(topic + "-other");
        tx.executeWithoutResult(s -> {
            changes.append(topic, "in-tx", "payload-1");
            changes.append(topic, "in-tx-2", null);
            // from another thread, with no transaction: recorded at once, handed on while this one is open
            join(Thread.ofVirtual().start(() -> changes.append(topic, "outside", "x")));
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(received).contains("outside"));
            assertThat(keys(received)).doesNotContain("in-tx");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 3);
        assertThat(keys(received)).containsExactly("outside", "in-tx", "in-tx-2");
        ClusterChange first = received.get(1);
        assertThat(first.topic()).isEqualTo(topic);
        assertThat(first.payload()).isEqualTo("payload-1");
        assertThat(first.origin()).isEqualTo(database.origin());
        assertThat(first.at()).isNotNull();
        assertThat(received.get(2).payload()).isNull();
        assertThat(received.get(2).id()).isGreaterThan(first.id());
        assertThat(other).isEmpty();

        assertThat(changes.since(topic, first.id() - 1, 10))
                .extracting(ClusterChange::key)
                .containsExactly("in-tx", "in-tx-2");
        assertThat(changes.since(topic, 0, 1)).hasSize(1);
        assertThat(changes.latestId()).isGreaterThanOrEqualTo(received.get(2).id());
        assertThat(changes.oldestId())
                .isPositive()
                .isLessThanOrEqualTo(received.getFirst().id());
    }

    @Test
    void aRolledBackChangeIsNeverHandedOnNorTakesAnId() {
        String topic = unique("t").toLowerCase();
        List<ClusterChange> received = listen(topic);
        long before = changes.latestId();
        tx.executeWithoutResult(s -> {
            changes.append(topic, "rolled-back", null);
            s.setRollbackOnly();
        });
        changes.append(topic, "marker", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> keys(received).contains("marker"));
        assertThat(keys(received)).containsExactly("marker");
        assertThat(changes.since(topic, before, 10))
                .extracting(ClusterChange::key)
                .containsExactly("marker");
    }

    @Test
    void aChangeCommittedAfterALaterOneIsStillHandedOn() throws Exception {
        String topic = unique("t").toLowerCase();
        List<ClusterChange> received = listen(topic);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a transaction that takes its id first and commits last (as a slow commit would)
        Thread slow = Thread.ofVirtual()
                .start(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql(
                                    "insert into platform_change_log (topic, change_key, created_at, origin) values (?, ?, ?, ?)")
                            .params(topic, "slow", Timestamp.from(clock.instant()), "test")
                            .update();
                    inserted.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        long skippedBefore = database.skipped();
        changes.append(topic, "fast", null);
        // a cursor-keeping reader is not shown the fast one past the slow one's id while it is in flight (unless the
        // follower passed that id by after kintsugi.cluster.gap-wait, which it counts)
        List<ClusterChange> early = changes.since(topic, 0, 10);
        assertThat(early.isEmpty() || database.skipped() > skippedBefore)
                .as("since() showed %s past an id in flight", early)
                .isTrue();
        // the fast one may wait for the slow one's id, never lose it
        release.countDown();
        slow.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        assertThat(keys(received)).containsExactlyInAnyOrder("slow", "fast");
        long slowId = received.stream()
                .filter(c -> c.key().equals("slow"))
                .findFirst()
                .orElseThrow()
                .id();
        long fastId = received.stream()
                .filter(c -> c.key().equals("fast"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(slowId).isLessThan(fastId);
        // a cursor-keeping reader sees both too
        assertThat(changes.since(topic, 0, 10)).extracting(ClusterChange::key).containsExactly("slow", "fast");
    }

    @Test
    void thePurgeKeepsTheNewestChangeAndWhatIsRecent() {
        String topic = unique("t").toLowerCase();
        jdbc.sql("insert into platform_change_log (topic, change_key, created_at, origin) values (?, ?, ?, ?)")
                .params(topic, "ancient", Timestamp.from(clock.instant().minus(Duration.ofDays(30))), "test")
                .update();
        changes.append(topic, "recent", null);
        int purged = database.purge();
        assertThat(purged).isPositive();
        assertThat(jdbc.sql("select change_key from platform_change_log where topic = ?")
                        .param(topic)
                        .query(String.class)
                        .list())
                .containsExactly("recent");
        assertThat(changes.oldestId()).isPositive();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> changes.append("No Topic", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.append("t", "k".repeat(201), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.since("t", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.follow("t", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
