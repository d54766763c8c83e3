package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every instance follows the persisted kill switch: while this instance has runs in progress it reads the switch's
 * row every {@code kintsugi.chaos.kill-switch-poll} (500 ms by default; one primary-key read, none at all when
 * nothing runs here), and when another instance engaged it, stops its own runs and reverts the faults they have in
 * place, as {@link KillSwitch#engage} does on the instance that received it. A timer thread of this instance, not
 * db-scheduler: db-scheduler would run the check on one instance only.
 */
@Component
class KillSwitchFollower implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(KillSwitchFollower.class);

    private final FaultRepository faultRows;
    private final RunEngine engine;
    private final long everyMillis;
    /** Faults this instance already reverted for an engagement (its version): each once. */
    private final Set<String> reverted = ConcurrentHashMap.newKeySet();

    private volatile ScheduledExecutorService timer;
    private volatile long logged = -1;

    KillSwitchFollower(FaultRepository faultRows, RunEngine engine, ChaosProperties properties) {
        this.faultRows = faultRows;
        this.engine = engine;
        this.everyMillis = properties.killSwitchPoll().toMillis();
    }

    /** One look at the switch: stops this instance's runs and reverts their faults when it is engaged. */
    void follow() {
        try {
            Set<Long> ours = engine.activeRuns();
            if (ours.isEmpty()) {
                reverted.clear();
                return;
            }
            KillSwitchState state = faultRows.killSwitch();
            if (!state.engaged()) {
                return;
            }
            List<Long> stopped = engine.interruptAll(
                    "kill switch engaged by " + (state.changedBy() == null ? "someone" : state.changedBy()));
            List<FaultView> inPlace = faultRows.faultsWithStatus(FaultStatus.INJECTING, FaultStatus.IN_PLACE).stream()
                    .filter(f -> ours.contains(f.runId()))
                    .filter(f -> reverted.add(state.version() + ":" + f.id()))
                    .toList();
            if (!inPlace.isEmpty()) {
                Actor.runAsSystem("kill switch engaged", () -> engine.revertLeftovers(null, inPlace));
            }
            if (logged != state.version() || !inPlace.isEmpty()) {
                logged = state.version();
                log.info(
                        "kill switch engaged (version {}): stopping runs {} here, reverting {} of their faults",
                        state.version(),
                        stopped,
                        inPlace.size());
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment: the next look tries again
            log.warn("could not read the kill switch", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("chaos-kill-switch-follower").daemon().factory());
        t.scheduleWithFixedDelay(this::follow, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        timer = t;
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
