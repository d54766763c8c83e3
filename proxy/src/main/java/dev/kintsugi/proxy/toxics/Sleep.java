package dev.kintsugi.proxy.toxics;

import java.util.concurrent.locks.LockSupport;

final class Sleep {
    private static final long SPIN_NANOS = 300_000;

    private Sleep() {}

    /**
     * Sleeps until {@code deadline} ({@link System#nanoTime()}); parks until shortly before it, then spins
     * the last 300 µs (parking alone overshoots by about 200 µs here) so a latency toxic lands on time.
     */
    static void until(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        while (deadline - System.nanoTime() > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }
}
