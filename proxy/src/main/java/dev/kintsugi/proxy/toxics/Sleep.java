package dev.kintsugi.proxy.toxics;

import java.util.concurrent.TimeUnit;

final class Sleep {
    private Sleep() {}

    /** Sleeps until {@code deadline} ({@link System#nanoTime()}), waking early only by interrupt. */
    static void until(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
