package dev.kintsugi.experiment;

import tools.jackson.databind.JsonNode;

/**
 * What a host hears from one run, as it happens (the CLI prints it; a server journals faults and updates live
 * pages). Every method has an empty default. Calls come from the run's threads (the method, guardrail, background
 * activities, lease renewal), so an implementation must be thread-safe and quick.
 *
 * <p>Fault calls, for every fault the run injects (toxics, disabled proxies, Chaos Monkey, stopped or started
 * processes, scaled deployments): {@link #faultInjecting} BEFORE the fault is applied (a host that journals it there
 * can revert it after a crash, with {@link FaultReverter}; if this method throws, the fault is not applied and the
 * activity fails), {@link #faultInjected} once it is in place, {@link #faultRenewed} when its lease is extended,
 * and {@link #faultRemoved} when it was removed (by an activity, a rollback or the leftover revert) or its removal
 * failed.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {};

    default void phase(String text) {}

    /** An activity starts; {@code section} is hypothesis, method, rollback, guardrail or tolerance. */
    default void activityStarted(String section, JsonNode activity) {}

    /** An activity finished; {@code run} is its journal entry. */
    default void activityFinished(String section, JsonNode run) {}

    /**
     * A steady-state probe's verdict ({@code section} hypothesis or guardrail): {@code run} is its journal entry,
     * {@code tolerance} the tolerance it was checked against (substituted), {@code met} the verdict (false too when
     * the probe itself failed).
     */
    default void probeChecked(String section, JsonNode run, JsonNode tolerance, boolean met) {}

    /** A fault is about to be applied. Throw to refuse it (nothing is applied; the activity fails). */
    default void faultInjecting(Fault fault) {}

    /** The fault is in place (with its lease expiry, when it has a lease). */
    default void faultInjected(Fault fault) {}

    /** The fault's lease was extended to {@code fault.leaseExpiry()}. */
    default void faultRenewed(Fault fault) {}

    /**
     * The fault was removed ({@code error} null) or an attempt to remove it failed ({@code error} says why; the fault
     * may still be in place, and the run will try again after its rollbacks if it is still registered).
     */
    default void faultRemoved(Fault fault, String error) {}

    /** The run is over: rollbacks done, journal complete. */
    default void runEnded(RunResult result) {}
}
