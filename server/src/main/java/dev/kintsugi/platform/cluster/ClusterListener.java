package dev.kintsugi.platform.cluster;

/** Receives the changes of one topic on this instance (see {@link ClusterChanges#follow}); must be idempotent. */
@FunctionalInterface
public interface ClusterListener {
    void changed(ClusterChange change);
}
