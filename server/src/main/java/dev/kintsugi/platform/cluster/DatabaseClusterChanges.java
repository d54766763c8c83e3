package dev.kintsugi.platform.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ClusterChanges} on the application's database. {@link #append} inserts the change just before the caller's
 * transaction commits (so a rolled-back transaction takes no id, and the window in which a taken id is not yet
 * visible is as short as a commit); on PostgreSQL it also issues {@code NOTIFY kintsugi_changes}, which PostgreSQL
 * delivers only once the transaction has committed. One follower thread per instance reads the log in id order
 * ({@link ChangeFollower}) and calls the listeners; it is woken at once by this instance's own commits, by
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
    private final TransactionTemplate separate;
    private final String origin;
    private final Map<String, List<ClusterListener>> listeners = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Object stepping = new Object();
    private final ObjectProvider<MeterRegistry> meters;

    private volatile boolean postgres;
    private volatile ChangeFollower follower;
    private volatile boolean running;
    private Thread thread;
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
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String name = properties.instanceName();
        if (name == null || name.isBlank()) {
            byte[] suffix = new byte[4];
            ThreadLocalRandom.current().nextBytes(suffix);
            name = applicationName + "-" + HexFormat.of().formatHex(suffix);
        }
        this.origin = name.length() > 100 ? name.substring(0, 100) : name;
    }

    @Override
    public void append(String topic, String key, String payload) {
        ChangeLog.Entry entry = new ChangeLog.Entry(
                requireTopic(topic),
                check("key", key, MAX_KEY),
                check("payload", payload, MAX_PAYLOAD),
                clock.instant());
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(entry));
            wake();
            return;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending pending && pending.owner == this) {
                pending.entries.add(entry);
                return;
            }
        }
        Pending pending = new Pending(this, TransactionSynchronizationManager.isCurrentTransactionReadOnly());
        pending.entries.add(entry);
        TransactionSynchronizationManager.registerSynchronization(pending);
    }

    /** The changes one transaction appended, written just before it commits. */
    private static final class Pending implements TransactionSynchronization {
        final DatabaseClusterChanges owner;
        final boolean readOnly;
        final List<ChangeLog.Entry> entries = new ArrayList<>();

        Pending(DatabaseClusterChanges owner, boolean readOnly) {
            this.owner = owner;
            this.readOnly = readOnly;
        }

        @Override
        public void beforeCommit(boolean readOnlyCommit) {
            if (!readOnly && !readOnlyCommit) {
                owner.write(entries);
            }
        }

        @Override
        public void afterCommit() {
            if (readOnly) {
                // a read-only transaction cannot insert: its changes go in a transaction of their own once it is done
                owner.separate.executeWithoutResult(s -> owner.write(entries));
            }
            owner.wake();
        }
    }

    private void write(List<ChangeLog.Entry> entries) {
        for (ChangeLog.Entry e : entries) {
            changeLog.insert(e, origin);
        }
        if (postgres) {
            // delivered by PostgreSQL when (and only if) the surrounding transaction commits
            jdbc.sql("notify " + CHANNEL).update();
        }
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
        catchUp();
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
        if (wake.availablePermits() == 0) {
            wake.release();
        }
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

    private void catchUp() {
        ChangeFollower f = follower;
        if (f == null) {
            return;
        }
        synchronized (stepping) {
            ChangeFollower.Step step;
            do {
                step = f.step();
            } while (step.more());
        }
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
        }
    }

    private void run() {
        Duration poll = properties.pollIntervalFor(postgres);
        long failures = 0;
        while (running) {
            Duration wait = poll;
            try {
                ChangeFollower.Step step;
                synchronized (stepping) {
                    step = follower.step();
                }
                failures = 0;
                if (step.more()) {
                    continue;
                }
                if (step.waitingForGap()) {
                    Duration left = follower.gapWaitLeft().plusMillis(1);
                    wait = left.compareTo(poll) < 0 ? left : poll;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 100 == 0) {
                    log.warn("Cannot read the change log ({} failures in a row): {}", failures, e.toString());
                }
                wait = poll.multipliedBy(Math.min(failures, 8));
            }
            try {
                if (wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
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
        registerMeters();
        running = true;
        thread = Thread.ofPlatform().name("cluster-changes").daemon().start(this::run);
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

    private void registerMeters() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        ChangeFollower f = follower;
        Gauge.builder("kintsugi.cluster.lag", f, ChangeFollower::lag)
                .description("changes seen in the log and not yet handed to this instance's listeners")
                .register(registry);
        Gauge.builder("kintsugi.cluster.skipped", f, ChangeFollower::skipped)
                .description("log ids passed by after waiting for them (rolled back or late)")
                .register(registry);
        Gauge.builder("kintsugi.cluster.late", f, ChangeFollower::late)
                .description("changes handed on late, after their id had been passed by")
                .register(registry);
        deliveryDelay = Timer.builder("kintsugi.cluster.delivery")
                .description("from a change's append to its hand-over on this instance")
                .register(registry);
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
        running = false;
        if (wakeUp != null) {
            wakeUp.stop();
            wakeUp = null;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
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
