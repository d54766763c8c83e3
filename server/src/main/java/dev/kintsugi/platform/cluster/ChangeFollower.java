package dev.kintsugi.platform.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads the change log in id order from a cursor and hands each change on, without skipping an id that a
 * transaction still holds. Ids are taken when a row is inserted and become visible when its transaction commits, so
 * id 8 may be visible before id 7: the follower then stops before the gap and waits for it up to {@code gapWait}
 * (ids left by a rolled-back insert never fill). A gap passed by is still watched for {@code lateWindow}: a change
 * that commits that late is handed on out of order rather than lost. Not thread-safe: one thread calls {@link
 * #step}; {@link #cursor} may be read from any.
 */
final class ChangeFollower {
    /** Where the follower reads from. */
    interface Source {
        List<ClusterChange> after(long afterId, int limit);

        List<ClusterChange> byIds(Collection<Long> ids);
    }

    /** A larger jump is a sequence skipping ahead (a cache lost in a restart), not transactions in flight. */
    static final int MAX_WATCHED_GAP = 1000;

    private final Source source;
    private final Consumer<ClusterChange> sink;
    private final LongSupplier nanoTime;
    private final long gapWaitNanos;
    private final long lateWindowNanos;
    private final int batch;

    private volatile long cursor;
    private volatile long latestSeen;
    private long gapSeenAt = -1;
    private boolean gapOpen;
    /** Ids passed by, and when. */
    private final Map<Long, Long> passed = new LinkedHashMap<>();

    private long skipped;
    private long late;

    ChangeFollower(
            Source source,
            Consumer<ClusterChange> sink,
            LongSupplier nanoTime,
            Duration gapWait,
            Duration lateWindow,
            int batch,
            long start) {
        this.source = source;
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.gapWaitNanos = gapWait.toNanos();
        this.lateWindowNanos = lateWindow.toNanos();
        this.batch = batch;
        this.cursor = start;
        this.latestSeen = start;
    }

    /** What one step found. */
    record Step(int delivered, boolean more, boolean waitingForGap) {}

    /** Reads once after the cursor, hands on what is in order (and what came late), returns what it found. */
    Step step() {
        List<ClusterChange> changes = source.after(cursor, batch);
        int delivered = 0;
        boolean waiting = false;
        for (ClusterChange change : changes) {
            latestSeen = Math.max(latestSeen, change.id());
            long expected = cursor + 1;
            if (change.id() > expected) {
                long now = nanoTime.getAsLong();
                if (!gapOpen) {
                    gapOpen = true;
                    gapSeenAt = now;
                }
                if (now - gapSeenAt < gapWaitNanos) {
                    waiting = true;
                    break;
                }
                long missing = change.id() - expected;
                if (missing <= MAX_WATCHED_GAP) {
                    for (long id = expected; id < change.id(); id++) {
                        passed.put(id, now);
                    }
                }
                skipped += missing;
            }
            deliver(change);
            delivered++;
        }
        delivered += deliverLate();
        return new Step(delivered, !waiting && changes.size() == batch, waiting);
    }

    private void deliver(ClusterChange change) {
        cursor = change.id();
        gapOpen = false;
        sink.accept(change);
    }

    private int deliverLate() {
        if (passed.isEmpty()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        passed.values().removeIf(at -> now - at > lateWindowNanos);
        if (passed.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (ClusterChange change : source.byIds(passed.keySet())) {
            if (passed.remove(change.id()) != null) {
                late++;
                n++;
                sink.accept(change);
            }
        }
        return n;
    }

    /** Every id up to this one has been handed on or passed by. */
    long cursor() {
        return cursor;
    }

    /** Changes seen in the log but not handed on yet (waiting behind a gap). */
    long lag() {
        return Math.max(0, latestSeen - cursor);
    }

    /** How many ids were passed by after waiting for them. */
    long skipped() {
        return skipped;
    }

    /** How many changes were handed on late, after their id had been passed by. */
    long late() {
        return late;
    }

    /** How many passed-by ids are still watched. */
    int watched() {
        return passed.size();
    }

    /** How long until a waited-for gap is passed by, from now. */
    Duration gapWaitLeft() {
        if (!gapOpen) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, gapWaitNanos - (nanoTime.getAsLong() - gapSeenAt)));
    }
}
