package dev.kintsugi.platform.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL: one connection of its own that {@code LISTEN}s on {@code kintsugi_changes} and wakes the follower
 * for every notification; reconnects after a failure (and wakes the follower then too, for what it may have missed).
 */
final class PostgresWakeUp {
    private static final Logger log = LoggerFactory.getLogger(PostgresWakeUp.class);
    private static final int WAIT_MS = 5_000;

    private final DataSource dataSource;
    private final Runnable wake;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    PostgresWakeUp(DataSource dataSource, Runnable wake) {
        this.dataSource = dataSource;
        this.wake = wake;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("cluster-changes-listen").daemon().start(this::run);
    }

    private void run() {
        int failures = 0;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + DatabaseClusterChanges.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (failures > 0) {
                    log.info("Listening on {} again", DatabaseClusterChanges.CHANNEL);
                }
                failures = 0;
                wake.run();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MS);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 60 == 0) {
                    log.warn(
                            "Lost the {} listener ({} failures in a row): {}",
                            DatabaseClusterChanges.CHANNEL,
                            failures,
                            e.toString());
                }
                try {
                    Thread.sleep(Math.min(failures, 10) * 500L);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                // unblocks getNotifications
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException ignored) {
                // going away anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(WAIT_MS + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
