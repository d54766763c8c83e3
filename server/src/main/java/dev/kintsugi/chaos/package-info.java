/**
 * Chaos engineering in the product: per-service targets and policy, versioned Chaos Toolkit experiments, runs
 * executed in the server through the {@code experiment} engine as a library, the fault journal (every fault is
 * journaled before it is injected and reverted by the server if the run could not), the kill switch and the
 * guardrails. Facades: {@link dev.kintsugi.chaos.ChaosExperiments}, {@link dev.kintsugi.chaos.ChaosRuns},
 * {@link dev.kintsugi.chaos.KillSwitch}, {@link dev.kintsugi.chaos.ChaosTargets}, {@link dev.kintsugi.chaos.ChaosMonkey}
 * (random terminations in working hours, opt-in per service). Events:
 * {@link dev.kintsugi.chaos.ChaosRunStarted}, {@link dev.kintsugi.chaos.ChaosRunFinished},
 * {@link dev.kintsugi.chaos.FaultInjected}, {@link dev.kintsugi.chaos.FaultReverted},
 * {@link dev.kintsugi.chaos.KillSwitchEngaged}, {@link dev.kintsugi.chaos.KillSwitchReleased},
 * {@link dev.kintsugi.chaos.ChaosExperimentCreated}, {@link dev.kintsugi.chaos.ChaosExperimentUpdated},
 * {@link dev.kintsugi.chaos.MonkeyTerminated}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chaos")
package dev.kintsugi.chaos;
