package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
import java.time.Duration;
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
 * What every instance does for the runs of a cluster, on a timer thread of its own (not db-scheduler, which runs a
 * task on one instance only):
 *
 * <ul>
 *   <li>follows the persisted kill switch: while this instance has runs in progress it reads the switch's row every
 *       {@code kintsugi.chaos.kill-switch-poll} (500 ms by default; one primary-key read, none when nothing runs
 *       here) and, when another instance engaged it, stops its own runs and reverts the faults they have in place,
 *       as {@link KillSwitch#engage} does on the instance that received it;
 *   <li>says its runs are alive ({@code chaos_run.alive_at}, every {@link #HEARTBEAT});
 *   <li>takes over the runs of an instance that stopped saying so for {@link #STALE_AFTER} (it crashed): {@link
 *       ChaosRecovery#recoverStale()} marks them interrupted and reverts their faults, every {@link #TAKE_OVER}.
 * </ul>
 */
@Component
class RunWatch implements SmartLifecycle {
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration STALE_AFTER = Duration.ofSeconds(20);
    static final Duration TAKE_OVER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RunWatch.class);

    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final RunEngine engine;
    private final ChaosRecovery recovery;
    private final java.time.Clock clock;
    private final long everyMillis;
    /** Faults this instance already reverted for an engagement (its version): each once. */
    private final Set<String> reverted = ConcurrentHashMap.newKeySet();

    private volatile ScheduledExecutorService timer;
    private volatile long logged = -1;

    RunWatch(
            FaultRepository faultRows,
            RunRepository runRows,
            RunEngine engine,
            ChaosRecovery recovery,
            java.time.Clock clock,
            ChaosProperties properties) {
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.engine = engine;
        this.recovery = recovery;
        this.clock = clock;
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

    /** This instance's runs are alive. */
    void heartbeat() {
        try {
            runRows.alive(engine.activeRuns(), engine.instance(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not say this instance's runs are alive", e);
        }
    }

    /** The runs of instances that died: interrupted, their faults reverted. */
    void takeOver() {
        try {
            int taken = recovery.recoverStale();
            if (taken > 0) {
                log.info("took over {} runs of an instance that stopped", taken);
            }
        } catch (RuntimeException e) {
            log.warn("could not take over the runs of a stopped instance", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("chaos-run-watch").daemon().factory());
        t.scheduleWithFixedDelay(this::follow, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        t.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        t.scheduleWithFixedDelay(this::takeOver, TAKE_OVER.toMillis(), TAKE_OVER.toMillis(), TimeUnit.MILLISECONDS);
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
