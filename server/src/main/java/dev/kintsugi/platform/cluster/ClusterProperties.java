package dev.kintsugi.platform.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change log's settings ({@code kintsugi.cluster.*}, docs/configuration.md).
 *
 * @param pollInterval how often each instance reads the log when nothing woke it; unset: 250 ms on H2, 2 s on
 *     PostgreSQL (where {@code LISTEN/NOTIFY} wakes it and polling is only a safety net)
 * @param retention changes older than this are purged (the newest is always kept)
 * @param purgeInterval how often the purge runs (db-scheduler, once across instances)
 * @param gapWait how long a follower waits for a missing id (a transaction that took its id and has not committed
 *     yet) before it passes it by
 * @param lateWindow how long a passed-by id is still watched for, and delivered late if it commits
 * @param instanceName how this instance signs its changes ({@code origin}); unset: the application name and a random
 *     suffix
 */
@ConfigurationProperties("kintsugi.cluster")
public record ClusterProperties(
        Duration pollInterval,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("2s") Duration gapWait,
        @DefaultValue("5m") Duration lateWindow,
        String instanceName) {

    public ClusterProperties {
        for (Duration d : new Duration[] {retention, purgeInterval, gapWait, lateWindow}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("kintsugi.cluster durations must not be negative");
            }
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("kintsugi.cluster.poll-interval must be positive");
        }
        if (purgeInterval.isZero()) {
            throw new IllegalArgumentException("kintsugi.cluster.purge-interval must be positive");
        }
    }

    /** The poll interval in effect on this database. */
    Duration pollIntervalFor(boolean postgres) {
        if (pollInterval != null) {
            return pollInterval;
        }
        return postgres ? Duration.ofSeconds(2) : Duration.ofMillis(250);
    }
}
