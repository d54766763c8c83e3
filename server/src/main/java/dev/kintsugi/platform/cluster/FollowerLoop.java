package dev.kintsugi.platform.cluster;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that drives a {@link ChangeFollower}: it steps while there is more, then waits for a {@link #wake()}
 * (this instance's own commit, a PostgreSQL notification) or the poll interval — shorter while a gap is waited
 * for, longer after failures to read the log. Steps are serialised with {@link #catchUp()}, which a reader calls
 * to settle what is in the log before reading it.
 */
final class FollowerLoop {
    private static final Logger log = LoggerFactory.getLogger(FollowerLoop.class);

    private final Semaphore wake = new Semaphore(0);
    private final Object stepping = new Object();
    private volatile ChangeFollower follower;
    private volatile boolean running;
    private Duration poll;
    private Thread thread;

    /** Starts following with {@code follower}, waiting at most {@code poll} between reads. */
    synchronized void start(ChangeFollower follower, Duration poll) {
        this.follower = follower;
        this.poll = poll;
        running = true;
        thread = Thread.ofPlatform().name("cluster-changes").daemon().start(this::run);
    }

    /** Ends the thread (waiting for it up to 5 s); a stopped loop can be started again. */
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    boolean running() {
        return running;
    }

    /** Wakes the thread for a read now. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Steps the follower until nothing more is settled (a no-op before start and inside a step). */
    void catchUp() {
        ChangeFollower f = follower;
        // a listener asking from inside a step reads what is settled so far (a step is not re-entrant)
        if (f == null || Thread.holdsLock(stepping)) {
            return;
        }
        synchronized (stepping) {
            ChangeFollower.Step step;
            do {
                step = f.step();
            } while (step.more());
        }
    }

    private void run() {
        long failures = 0;
        while (running) {
            Duration wait = poll;
            try {
                ChangeFollower.Step step;
                synchronized (stepping) {
                    step = follower.step();
                }
                failures = 0;
                if (step.more()) {
                    continue;
                }
                if (step.waitingForGap()) {
                    Duration left = follower.gapWaitLeft().plusMillis(1);
                    wait = left.compareTo(poll) < 0 ? left : poll;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 100 == 0) {
                    log.warn("Cannot read the change log ({} failures in a row): {}", failures, e.toString());
                }
                wait = poll.multipliedBy(Math.min(failures, 8));
            }
            try {
                if (wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }
}
