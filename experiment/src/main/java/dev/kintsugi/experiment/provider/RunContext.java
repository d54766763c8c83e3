package dev.kintsugi.experiment.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a provider may need from the run: the clock, when the run is expected to end (fault leases last until then
 * plus a margin), and the registry of faults injected so far.
 */
public final class RunContext {

    /**
     * A fault still in place: {@code undo} removes it; {@code renew} (may be null) extends its lease while the run
     * is alive, so a run that outlasts its expected end keeps its faults, and a dead runner stops renewing.
     */
    public record Fault(String description, ThrowingRunnable undo, ThrowingRunnable renew) {}

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final Clock clock;
    private final Supplier<Instant> expectedEnd;
    private final Duration leaseMargin;
    private final List<Fault> faults = new ArrayList<>();
    private final java.util.Map<String, Process> processes = new java.util.concurrent.ConcurrentHashMap<>();

    public RunContext(Clock clock, Supplier<Instant> expectedEnd, Duration leaseMargin) {
        this.clock = clock;
        this.expectedEnd = expectedEnd;
        this.leaseMargin = leaseMargin;
    }

    public static RunContext forTests() {
        return new RunContext(Clock.systemUTC(), () -> Instant.now().plusSeconds(60), Duration.ofSeconds(30));
    }

    public Clock clock() {
        return clock;
    }

    /** The lease a fault injected now must carry: until the run's expected end, plus the margin. */
    public Duration lease() {
        Duration remaining = Duration.between(clock.instant(), expectedEnd.get());
        if (remaining.isNegative()) {
            remaining = Duration.ZERO;
        }
        return remaining.plus(leaseMargin);
    }

    public void processStarted(String name, Process process) {
        processes.put(name, process);
    }

    public Process process(String name) {
        return processes.get(name);
    }

    public synchronized void faultInjected(String key, ThrowingRunnable undo) {
        faultInjected(key, undo, null);
    }

    public synchronized void faultInjected(String key, ThrowingRunnable undo, ThrowingRunnable renew) {
        faults.removeIf(f -> f.description().equals(key));
        faults.add(new Fault(key, undo, renew));
    }

    /** The lease a renewal grants: the margin, counted from now (renewals come much more often than that). */
    public Duration renewalLease() {
        return leaseMargin;
    }

    public synchronized void faultRemoved(String key) {
        faults.removeIf(f -> f.description().equals(key));
    }

    /** Faults injected by this run and not removed yet, newest first. */
    public synchronized List<Fault> faultsInPlace() {
        List<Fault> copy = new ArrayList<>(faults);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
