package dev.kintsugi.platform.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The change log's metrics: how far this instance's follower is behind, what it passed by, how long delivery takes. */
final class ClusterMeters {
    private ClusterMeters() {}

    /** Registers the follower's gauges; answers the delivery timer (null without a registry). */
    static Timer register(MeterRegistry registry, ChangeFollower f) {
        if (registry == null) {
            return null;
        }
        Gauge.builder("kintsugi.cluster.lag", f, ChangeFollower::lag)
                .description("changes seen in the log and not yet handed to this instance's listeners")
                .register(registry);
        Gauge.builder("kintsugi.cluster.skipped", f, ChangeFollower::skipped)
                .description("log ids passed by after waiting for them (rolled back or late)")
                .register(registry);
        Gauge.builder("kintsugi.cluster.late", f, ChangeFollower::late)
                .description("changes handed on late, after their id had been passed by")
                .register(registry);
        return Timer.builder("kintsugi.cluster.delivery")
                .description("from a change's append to its hand-over on this instance")
                .register(registry);
    }
}
