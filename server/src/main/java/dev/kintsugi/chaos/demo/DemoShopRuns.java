package dev.kintsugi.chaos.demo;

import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.RunRefused;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.Actor;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's past runs: each experiment run once for real, one after the other, through {@link ChaosRuns} as the
 * system, in the background (a virtual thread) so that start-up does not wait for them. They are real runs at the
 * time of the first start (not recorded history): the run pages, the history and the resilience scores show what
 * the engine really did.
 */
final class DemoShopRuns {
    private static final Logger log = LoggerFactory.getLogger(DemoShopRuns.class);

    private final ChaosRuns runs;
    private final Duration fault;
    private volatile Thread thread;
    /** The experiments whose first run has not ended yet: a stop (application or test-context pause) leaves them. */
    private final List<Long> pending = new java.util.concurrent.CopyOnWriteArrayList<>();

    DemoShopRuns(ChaosRuns runs, Duration fault) {
        this.runs = runs;
        this.fault = fault;
    }

    void start(List<Long> experiments) {
        pending.clear();
        pending.addAll(experiments);
        thread = Thread.ofVirtual().name("demo-shop-history").start(() -> runAll(List.copyOf(pending)));
    }

    /**
     * After a stop and a new start of the application's lifecycle (Spring pauses and resumes it), runs again the
     * experiments whose first run the stop cut short, so that every experiment keeps one complete past run.
     */
    void resume() {
        Thread t = thread;
        if (!pending.isEmpty() && (t == null || !t.isAlive())) {
            log.info("Demo shop: resuming the past runs of experiments {}", pending);
            thread = Thread.ofVirtual().name("demo-shop-history").start(() -> runAll(List.copyOf(pending)));
        }
    }

    /** Runs each experiment to its end, in order; answers the runs started. */
    List<Long> runAll(List<Long> experiments) {
        List<Long> started = new java.util.ArrayList<>();
        for (long experiment : experiments) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                long run = Actor.runAsSystem(
                        "demo shop: a first run of each demo experiment",
                        () -> runs.start(experiment, false).id());
                started.add(run);
                if (!waitForEnd(run)) {
                    break;
                }
                if (!Thread.currentThread().isInterrupted()) {
                    pending.remove(Long.valueOf(experiment));
                }
            } catch (RunRefused e) {
                pending.remove(Long.valueOf(experiment));
                log.info("Demo shop: experiment {} not run: {}", experiment, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Demo shop: experiment {} could not run", experiment, e);
            }
        }
        return started;
    }

    private boolean waitForEnd(long run) {
        long deadline = System.nanoTime() + fault.plusSeconds(90).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                RunView v = Actor.runAsSystem("demo shop: follow its run", () -> runs.get(run));
                if (!v.running()) {
                    return true;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Stops starting runs and waits for the thread (a run in progress is stopped by its owner). */
    void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
