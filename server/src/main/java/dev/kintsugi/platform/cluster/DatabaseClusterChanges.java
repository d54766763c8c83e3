package dev.kintsugi.platform.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link ClusterChanges} on the application's database. {@link #append} records through {@link ChangeAppender}
 * (inserted just before the caller's transaction commits, {@code NOTIFY kintsugi_changes} on PostgreSQL). One follower thread per instance reads the log in id order
 * ({@link ChangeFollower}, driven by a {@link FollowerLoop}) and calls the listeners; it is woken at once by this instance's own commits, by
 * {@link PostgresWakeUp} on PostgreSQL, and otherwise polls every {@code kintsugi.cluster.poll-interval}.
 */
@Component
class DatabaseClusterChanges implements ClusterChanges, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DatabaseClusterChanges.class);
    static final String CHANNEL = "kintsugi_changes";
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9._-]{0,99}");
    private static final int MAX_KEY = 200;
    private static final int MAX_PAYLOAD = 100_000;
    private static final int BATCH = 500;

    private final ChangeLog changeLog;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final ClusterProperties properties;
    private final ChangeAppender appender;
    private final String origin;
    private final Map<String, List<ClusterListener>> listeners = new ConcurrentHashMap<>();
    private final FollowerLoop loop = new FollowerLoop();
    private final ObjectProvider<MeterRegistry> meters;

    private volatile boolean postgres;
    private volatile ChangeFollower follower;
    private PostgresWakeUp wakeUp;
    private Timer deliveryDelay;

    DatabaseClusterChanges(
            JdbcClient jdbc,
            DataSource dataSource,
            Clock clock,
            ClusterProperties properties,
            PlatformTransactionManager transactions,
            ObjectProvider<MeterRegistry> meters,
            @Value("${spring.application.name:kintsugi}") String applicationName) {
        this.changeLog = new ChangeLog(jdbc);
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        String name = properties.instanceName();
        if (name == null || name.isBlank()) {
            byte[] suffix = new byte[4];
            ThreadLocalRandom.current().nextBytes(suffix);
            name = applicationName + "-" + HexFormat.of().formatHex(suffix);
        }
        this.origin = name.length() > 100 ? name.substring(0, 100) : name;
        this.appender = new ChangeAppender(changeLog, jdbc, transactions, origin, this::wake);
    }

    @Override
    public void append(String topic, String key, String payload) {
        appender.append(
                new ChangeLog.Entry(
                        requireTopic(topic),
                        check("key", key, MAX_KEY),
                        check("payload", payload, MAX_PAYLOAD),
                        clock.instant()),
                postgres);
    }

    @Override
    public void follow(String topic, ClusterListener listener) {
        requireTopic(topic);
        if (listener == null) {
            throw new IllegalArgumentException("a listener is required");
        }
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public long latestId() {
        return changeLog.latestId();
    }

    @Override
    public List<ClusterChange> since(String topic, long afterId, int limit) {
        requireTopic(topic);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // only what the follower has settled: a reader keeping its own cursor must not pass an id still in flight
        loop.catchUp();
        ChangeFollower f = follower;
        long upTo = f == null ? changeLog.latestId() : f.cursor();
        return changeLog.since(topic, afterId, upTo, limit);
    }

    @Override
    public long oldestId() {
        return changeLog.oldestId();
    }

    /** Purges changes past the retention (the newest is kept); returns how many. */
    int purge() {
        return changeLog.purge(clock.instant().minus(properties.retention()));
    }

    /** Wakes this instance's follower (after a commit here, or a notification from PostgreSQL). */
    void wake() {
        loop.wake();
    }

    String origin() {
        return origin;
    }

    /** The follower's cursor (every id up to it has been handed to the listeners or passed by). */
    long cursor() {
        ChangeFollower f = follower;
        return f == null ? 0 : f.cursor();
    }

    /** How many ids this instance's follower passed by after waiting for them. */
    long skipped() {
        ChangeFollower f = follower;
        return f == null ? 0 : f.skipped();
    }

    private void dispatch(ClusterChange change) {
        if (deliveryDelay != null && change.at() != null) {
            Duration delay = Duration.between(change.at(), clock.instant());
            deliveryDelay.record(delay.isNegative() ? Duration.ZERO : delay);
        }
        for (ClusterListener listener : listeners.getOrDefault(change.topic(), List.of())) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed on change {}", change.topic(), change.id(), e);
            }
            // a listener that was interrupted (and kept the flag, as it should) must not end the following of every
            // other topic, nor break the next listener's I/O: only stop() ends this thread
            if (Thread.interrupted() && loop.running()) {
                log.debug("A listener of {} left the follower interrupted on change {}", change.topic(), change.id());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (loop.running()) {
            return;
        }
        postgres = isPostgres();
        follower = new ChangeFollower(
                new ChangeFollower.Source() {
                    @Override
                    public List<ClusterChange> after(long afterId, int limit) {
                        return changeLog.after(afterId, limit);
                    }

                    @Override
                    public List<ClusterChange> byIds(java.util.Collection<Long> ids) {
                        return changeLog.byIds(ids);
                    }
                },
                this::dispatch,
                System::nanoTime,
                properties.gapWait(),
                properties.lateWindow(),
                BATCH,
                changeLog.latestId());
        deliveryDelay = ClusterMeters.register(meters.getIfAvailable(), follower);
        loop.start(follower, properties.pollIntervalFor(postgres));
        if (postgres) {
            wakeUp = new PostgresWakeUp(dataSource, this::wake);
            wakeUp.start();
        }
        log.info(
                "Following the change log as {} from id {} ({})",
                origin,
                follower.cursor(),
                postgres
                        ? "PostgreSQL LISTEN " + CHANNEL
                        : "polling every " + properties.pollIntervalFor(false).toMillis() + " ms");
    }

    private boolean isPostgres() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the change log is on", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (wakeUp != null) {
            wakeUp.stop();
            wakeUp = null;
        }
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    @Override
    public int getPhase() {
        // before the web server takes requests, after it stops
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private static String requireTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("not a change-log topic: " + topic);
        }
        return topic;
    }

    private static String check(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("a change's " + what + " is longer than " + max + " characters");
        }
        return value;
    }
}
