package dev.kintsugi.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something asynchronous: polling with a deadline, never a fixed sleep. The deadlines are generous
 * (the machines that run the suite are shared and slow under load); a check that holds returns at once.
 */
public final class Eventually {
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Eventually() {}

    /** Polls until {@code check} answers true, for at most {@code seconds}; fails naming {@code what}. */
    public static void eventually(int seconds, String what, BooleanSupplier check) {
        await(Duration.ofSeconds(seconds), check::getAsBoolean, Boolean::booleanValue, what);
    }

    /**
     * Polls {@code value} until {@code check} holds, for at most {@code timeout}, and answers the value that held;
     * fails naming {@code what} and the last value read.
     */
    public static <T> T await(Duration timeout, Supplier<T> value, Predicate<T> check, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!check.test(last)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    /** Polls until {@code condition} holds or {@code timeout} passes; answers whether it held (for assertions). */
    public static boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            pause();
        }
        return condition.getAsBoolean();
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
