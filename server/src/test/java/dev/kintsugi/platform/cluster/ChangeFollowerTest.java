package dev.kintsugi.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The follower's handling of ids that become visible out of order, on an in-memory log with a hand-driven clock:
 * it waits for a gap, passes it by only after the wait, and still hands on a change that commits late.
 */
class ChangeFollowerTest {
    private final TreeMap<Long, ClusterChange> visible = new TreeMap<>();
    private final List<Long> handed = new ArrayList<>();
    private long now;

    private final ChangeFollower follower = new ChangeFollower(
            new ChangeFollower.Source() {
                @Override
                public List<ClusterChange> after(long afterId, int limit) {
                    return visible.tailMap(afterId, false).values().stream()
                            .limit(limit)
                            .toList();
                }

                @Override
                public List<ClusterChange> byIds(Collection<Long> ids) {
                    return ids.stream().map(visible::get).filter(c -> c != null).toList();
                }
            },
            c -> handed.add(c.id()),
            () -> now,
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            3,
            0);

    private void commit(long id) {
        visible.put(id, new ClusterChange(id, "t", "k" + id, null, Instant.EPOCH, "test"));
    }

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void changesInOrderAreHandedOnInBatches() {
        for (long id = 1; id <= 5; id++) {
            commit(id);
        }
        ChangeFollower.Step first = follower.step();
        assertThat(first.more()).isTrue();
        follower.step();
        assertThat(handed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(follower.cursor()).isEqualTo(5);
        assertThat(follower.lag()).isZero();
    }

    @Test
    void aGapIsWaitedForAndClosesInOrder() {
        commit(1);
        commit(3); // 2 is held by a transaction that has not committed yet
        ChangeFollower.Step step = follower.step();
        assertThat(step.waitingForGap()).isTrue();
        assertThat(handed).containsExactly(1L);
        assertThat(follower.cursor()).isEqualTo(1);
        assertThat(follower.lag()).isEqualTo(2);

        advance(Duration.ofMillis(1500));
        follower.step();
        assertThat(handed).containsExactly(1L);

        commit(2);
        follower.step();
        assertThat(handed).containsExactly(1L, 2L, 3L);
        assertThat(follower.skipped()).isZero();
    }

    @Test
    void aGapThatDoesNotCloseIsPassedByAfterTheWaitAndALateCommitIsStillHandedOn() {
        commit(1);
        commit(4);
        follower.step();
        advance(Duration.ofMillis(1999));
        follower.step();
        assertThat(handed).containsExactly(1L);

        advance(Duration.ofMillis(2));
        follower.step();
        assertThat(handed).containsExactly(1L, 4L);
        assertThat(follower.cursor()).isEqualTo(4);
        assertThat(follower.skipped()).isEqualTo(2);
        assertThat(follower.watched()).isEqualTo(2);

        advance(Duration.ofMinutes(1));
        commit(3); // committed late: handed on out of order rather than lost
        commit(5);
        follower.step();
        assertThat(handed).containsExactly(1L, 4L, 5L, 3L);
        assertThat(follower.late()).isEqualTo(1);
        assertThat(follower.watched()).isEqualTo(1);

        // 2 (a rolled-back insert) stops being watched after the late window
        advance(Duration.ofMinutes(5));
        follower.step();
        assertThat(follower.watched()).isZero();
        commit(2);
        follower.step();
        assertThat(handed).containsExactly(1L, 4L, 5L, 3L);
    }

    @Test
    void aLargeJumpOfIdsIsPassedByWithoutWatchingEachOne() {
        commit(1);
        commit(1 + ChangeFollower.MAX_WATCHED_GAP + 2L);
        follower.step();
        advance(Duration.ofSeconds(3));
        follower.step();
        assertThat(handed).containsExactly(1L, 1L + ChangeFollower.MAX_WATCHED_GAP + 2);
        assertThat(follower.watched()).isZero();
    }

    @Test
    void aSecondGapGetsItsOwnWait() {
        commit(1);
        commit(3);
        follower.step();
        advance(Duration.ofSeconds(3));
        follower.step(); // 2 passed by
        commit(5);
        advance(Duration.ofMillis(100));
        follower.step();
        assertThat(handed).containsExactly(1L, 3L);
        advance(Duration.ofSeconds(2));
        follower.step();
        assertThat(handed).containsExactly(1L, 3L, 5L);
    }
}
