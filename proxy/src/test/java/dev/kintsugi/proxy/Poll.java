package dev.kintsugi.proxy;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting in tests: poll until a condition holds or a generous deadline passes (never a fixed sleep). */
public final class Poll {
    private Poll() {}

    /** Polls {@code condition} every 10 ms; true as soon as it holds, false if it still does not after {@code max}. */
    public static boolean until(Duration max, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
