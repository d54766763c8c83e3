package dev.kintsugi.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every module that sets db-scheduler timers needs: db-scheduler runs on the system clock while the modules
 * compute times with the injected {@link Clock}, and a timer must be set only once the transaction that decided it
 * has committed.
 */
public final class SchedulerTimeline {
    private SchedulerTimeline() {}

    /**
     * {@code at} (computed on {@code clock}) moved onto the scheduler's timeline: a timer means "this long from now"
     * (the same instant in production, where both clocks agree; tests may read the injected clock at another
     * instant). A time already past is now.
     */
    public static Instant onSchedulerTimeline(Clock clock, Instant at) {
        Duration delay = Duration.between(clock.instant(), at);
        return Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay);
    }

    /** Runs {@code work} after the current transaction commits (never on a rollback), or now outside one. */
    public static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
