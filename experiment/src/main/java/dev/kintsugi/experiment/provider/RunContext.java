package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Fault;
import dev.kintsugi.experiment.FaultReverter;
import dev.kintsugi.experiment.ProgressListener;
import dev.kintsugi.experiment.Variables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a provider may need from the run: the clock, when the run is expected to end (fault leases last until then
 * plus a margin), the host's listener and reverter, and the registry of faults injected so far.
 *
 * <p>A provider that injects a fault calls {@link #injecting} before it applies it (the host journals it; a refusal
 * stops the activity before anything is applied), {@link #injected} once it is in place, and {@link #removed} when
 * an activity removes it.
 */
public final class RunContext {

    /**
     * A fault still in place: {@code undo} removes it; {@code renew} (may be null) extends its lease while the run
     * is alive, so a run that outlasts its expected end keeps its faults, and a dead runner stops renewing.
     */
    public record Registered(Fault fault, ThrowingRunnable undo, ThrowingRunnable renew) {
        public String description() {
            return fault.description();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final Clock clock;
    private final Supplier<Instant> expectedEnd;
    private final Duration leaseMargin;
    private final ProgressListener listener;
    private final FaultReverter reverter;
    private final Variables variables;
    private final List<Registered> faults = new ArrayList<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    public RunContext(
            Clock clock,
            Supplier<Instant> expectedEnd,
            Duration leaseMargin,
            ProgressListener listener,
            FaultReverter reverter,
            Variables variables) {
        this.variables = variables == null ? Variables.empty() : variables;
        this.clock = clock;
        this.expectedEnd = expectedEnd;
        this.leaseMargin = leaseMargin;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.reverter = reverter;
    }

    public static RunContext forTests() {
        return forTests(ProgressListener.NONE);
    }

    public static RunContext forTests(ProgressListener listener) {
        return new RunContext(
                Clock.systemUTC(),
                () -> Instant.now().plusSeconds(60),
                Duration.ofSeconds(30),
                listener,
                new FaultReverter(Duration.ofSeconds(5)),
                Variables.empty());
    }

    /** The run's configuration and secrets (Python functions read their settings from the configuration). */
    public Variables variables() {
        return variables;
    }

    public Clock clock() {
        return clock;
    }

    /** The host's cluster access (never the experiment's credentials). */
    public dev.kintsugi.experiment.KubernetesAccess kubernetes() {
        return reverter.kubernetes();
    }

    /** Reverts recorded faults; what {@code undo}s use, so a revert after a crash takes the same path. */
    public FaultReverter reverter() {
        return reverter;
    }

    /** The lease a fault injected now must carry: until the run's expected end, plus the margin. */
    public Duration lease() {
        Duration remaining = Duration.between(clock.instant(), expectedEnd.get());
        if (remaining.isNegative()) {
            remaining = Duration.ZERO;
        }
        return remaining.plus(leaseMargin);
    }

    /** When a lease of {@code ms} granted now ends. */
    public Instant leaseExpiry(long ms) {
        return clock.instant().plusMillis(ms);
    }

    /** The lease a renewal grants: the margin, counted from now (renewals come much more often than that). */
    public Duration renewalLease() {
        return leaseMargin;
    }

    public void processStarted(String name, Process process) {
        processes.put(name, process);
    }

    public Process process(String name) {
        return processes.get(name);
    }

    /**
     * Tells the host a fault is about to be applied and registers it for the leftover revert. Call it BEFORE the
     * request that applies the fault: an interruption while it is in flight still reverts it (reverting a fault
     * that never arrived is harmless), and a host that journals here can revert it after a crash.
     *
     * @throws ActivityFailedException when the host refuses (e.g. it could not journal the fault): apply nothing
     */
    public void injecting(Fault fault, ThrowingRunnable undo, ThrowingRunnable renew) throws ActivityFailedException {
        try {
            listener.faultInjecting(fault);
        } catch (RuntimeException e) {
            throw new ActivityFailedException("the host refused to record the fault " + fault.key() + ": " + e, e);
        }
        synchronized (this) {
            faults.removeIf(f -> f.fault().key().equals(fault.key()));
            faults.add(new Registered(fault, undo, renew));
        }
    }

    /** The fault registered by {@link #injecting} is in place. */
    public void injected(String key) {
        Registered r = find(key);
        if (r != null) {
            notify(() -> listener.faultInjected(r.fault()));
        }
    }

    /** Its lease was extended until {@code expiry}. */
    public void renewed(String key, Instant expiry) {
        Registered updated;
        synchronized (this) {
            int i = indexOf(key);
            if (i < 0) {
                return;
            }
            Registered r = faults.get(i);
            updated = new Registered(r.fault().withLeaseExpiry(expiry), r.undo(), r.renew());
            faults.set(i, updated);
        }
        notify(() -> listener.faultRenewed(updated.fault()));
    }

    /** An activity (or the leftover revert) removed the fault; nothing happens for a key this run did not inject. */
    public void removed(String key) {
        Registered r;
        synchronized (this) {
            int i = indexOf(key);
            if (i < 0) {
                return;
            }
            r = faults.remove(i);
        }
        notify(() -> listener.faultRemoved(r.fault(), null));
    }

    /** An attempt to remove the fault failed; it stays registered (the leftover revert tries again). */
    public void removalFailed(String key, String error) {
        Registered r = find(key);
        if (r != null) {
            notify(() -> listener.faultRemoved(r.fault(), error));
        }
    }

    /** Faults injected by this run and not removed yet, newest first. */
    public synchronized List<Registered> faultsInPlace() {
        List<Registered> copy = new ArrayList<>(faults);
        Collections.reverse(copy);
        return copy;
    }

    private synchronized Registered find(String key) {
        int i = indexOf(key);
        return i < 0 ? null : faults.get(i);
    }

    private int indexOf(String key) {
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i).fault().key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** A listener's failure must not stop a rollback. */
    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            try {
                listener.phase("The host's listener failed: " + e);
            } catch (RuntimeException ignored) {
                // nothing more to do
            }
        }
    }
}
