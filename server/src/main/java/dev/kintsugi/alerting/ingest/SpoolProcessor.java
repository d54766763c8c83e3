package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertIntake;
import dev.kintsugi.platform.Actor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@link Spool} in order and applies its events as the system, a batch of up to 200 per transaction
 * ({@link AlertIntake#applyAll}: applied ids checked in one query, repeats deduplicated in memory, order kept), one
 * by one ({@link AlertIntake#apply}) when a batch fails. When the database is away it waits, probing with growing pauses up
 * to 5 s, and goes on from the same event once it is back: nothing is skipped, and an event applied already is
 * recognised by its id. An event that fails while the database is fine is logged with its id and passed over, so
 * that one bad event cannot hold every later alert back.
 */
@Component
public class SpoolProcessor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolProcessor.class);
    private static final int BATCH = 200;

    private final Spool spool;
    private final AlertIntake intake;
    private final IntegrationDirectory directory;
    private final TransactionTemplate tx;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    SpoolProcessor(
            Spool spool,
            AlertIntake intake,
            IntegrationDirectory directory,
            PlatformTransactionManager transactions,
            DataSource dataSource,
            JsonMapper json) {
        this.spool = spool;
        this.intake = intake;
        this.directory = directory;
        this.tx = new TransactionTemplate(transactions);
        this.dataSource = dataSource;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform()
                    .name("alerting-spool-processor")
                    .daemon()
                    .start(this::loop);
        }
    }

    /** Events applied since start (replays not counted). */
    public long applied() {
        return applied.get();
    }

    private void loop() {
        long pause = 100;
        long lastRefresh = System.nanoTime();
        long lastPurge = System.nanoTime() - 3_600_000_000_000L + 60_000_000_000L; // a minute after start
        while (running) {
            try {
                if (System.nanoTime() - lastRefresh > 30_000_000_000L) {
                    directory.refresh();
                    lastRefresh = System.nanoTime();
                }
                if (System.nanoTime() - lastPurge > 3_600_000_000_000L) {
                    lastPurge = System.nanoTime();
                    try {
                        tx.executeWithoutResult(s -> intake.forgetOldEventIds());
                    } catch (RuntimeException e) {
                        log.debug("old alert event ids not purged now: {}", e.toString());
                    }
                }
                List<Spool.Entry> batch = spool.next(BATCH);
                if (batch.isEmpty()) {
                    spool.awaitData(200);
                    continue;
                }
                if (process(batch)) {
                    spool.commit(batch.getLast().after());
                    pause = 100;
                } else {
                    sleep(pause);
                    pause = Math.min(5000, pause * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("alert spool processing failed; retrying", e);
                sleep(1000);
            }
        }
    }

    /** True when every event of the batch was applied (or passed over); false when the database is away. */
    private boolean process(List<Spool.Entry> batch) {
        List<AlertEvent> events = batch.stream().map(this::parse).toList();
        try {
            Actor.runAsSystem(
                    "alert ingestion",
                    () -> tx.executeWithoutResult(s -> applied.addAndGet(intake.applyAll(
                            events.stream().filter(java.util.Objects::nonNull).toList()))));
            return true;
        } catch (RuntimeException batchFailure) {
            applied.addAndGet(0);
            if (!databaseUp()) {
                log.warn("database unavailable: {} alert events wait in the spool", batch.size());
                return false;
            }
        }
        // one by one, so that one bad event cannot hold the others back
        for (AlertEvent e : events) {
            if (e == null) {
                continue;
            }
            int attempts = 0;
            while (true) {
                try {
                    Boolean done = Actor.runAsSystem("alert ingestion", () -> tx.execute(s -> intake.apply(e)));
                    if (Boolean.TRUE.equals(done)) {
                        applied.incrementAndGet();
                    }
                    break;
                } catch (RuntimeException failure) {
                    if (!databaseUp()) {
                        return false; // the whole batch again later; applied ones are recognised by id
                    }
                    if (++attempts >= 3) {
                        log.error("alert event {} could not be applied and is passed over", e.id(), failure);
                        break;
                    }
                }
            }
        }
        return true;
    }

    private AlertEvent parse(Spool.Entry entry) {
        try {
            return json.readValue(entry.data(), AlertEvent.class);
        } catch (RuntimeException e) {
            log.error("unreadable alert spool entry at {} passed over: {}", entry.after(), e.toString());
            return null;
        }
    }

    private boolean databaseUp() {
        try (var c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (running && System.nanoTime() < end) {
                Thread.sleep(Math.min(100, millis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false; // never interrupted: a JDBC call cut short could upset the database files
        if (thread != null) {
            thread.join(15_000);
        }
    }
}
