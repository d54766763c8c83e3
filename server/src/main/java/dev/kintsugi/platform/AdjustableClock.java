package dev.kintsugi.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The application's clock: the system's UTC clock, unless the current thread has asked for another instant with
 * {@link #runAt(Instant, Runnable)}. This lets start-up work import history (the demo data) through the ordinary
 * facades, so timeline entries, milestones and audit entries carry the historical time instead of "now". The
 * override is per thread and always removed afterwards: requests served meanwhile see the real time.
 */
public final class AdjustableClock extends Clock {
    private final Clock delegate;
    private final ThreadLocal<Instant> override = new ThreadLocal<>();
    private final java.util.concurrent.atomic.AtomicReference<java.time.Duration> offset =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Duration.ZERO);

    public AdjustableClock() {
        this(Clock.systemUTC());
    }

    public AdjustableClock(Clock delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    /** Runs {@code work} on this thread with the clock reading {@code at}; restores the previous reading after. */
    public void runAt(Instant at, Runnable work) {
        callAt(at, () -> {
            work.run();
            return null;
        });
    }

    /** Like {@link #runAt(Instant, Runnable)}, returning the work's result. */
    public <T> T callAt(Instant at, Supplier<T> work) {
        Instant previous = override.get();
        override.set(Objects.requireNonNull(at));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                override.remove();
            } else {
                override.set(previous);
            }
        }
    }

    /**
     * Moves this clock forward for every thread, requests included, and for good: tests use it to let a time-based
     * limit (a login backoff, a lease) pass without sleeping. Never backwards, so time stays monotonic for the rest
     * of the application.
     */
    public void advance(java.time.Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + by);
        }
        offset.accumulateAndGet(by, java.time.Duration::plus);
    }

    @Override
    public Instant instant() {
        Instant at = override.get();
        return at != null ? at : delegate.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // A zoned view still honours the override: it reads this clock's instant.
        AdjustableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
