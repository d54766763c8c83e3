package dev.kintsugi.statuspage.web;

import dev.kintsugi.incident.IncidentEvent;
import dev.kintsugi.platform.cluster.ClusterChanges;
import dev.kintsugi.statuspage.StatusPageChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's rendered public answers ({@link RenderedPages}) current: whatever may change them (a
 * status page change, an incident event) is recorded on the cluster change log (topic {@value #TOPIC}) in the
 * writer's own transaction, and every instance, following the topic, drops its cache when it arrives (within the
 * log's poll interval, or at once on PostgreSQL's wake-up). {@code cache-ttl} then only bounds what time alone
 * changes (an override or maintenance ending, a new day). The writing instance also drops its cache right after
 * the commit ({@link RenderedPages}'s own listeners), without waiting for the log.
 */
@Component
class ClusterInvalidation {
    static final String TOPIC = "statuspage";
    private final ClusterChanges cluster;

    ClusterInvalidation(ClusterChanges cluster, RenderedPages pages) {
        this.cluster = cluster;
        cluster.follow(TOPIC, change -> pages.invalidate());
    }

    @EventListener
    void on(StatusPageChanged changed) {
        cluster.append(TOPIC, changed.what(), null);
    }

    @EventListener
    void on(IncidentEvent changed) {
        cluster.append(TOPIC, "incident", null);
    }
}
