package dev.kintsugi.platform;

import dev.kintsugi.platform.cluster.ClusterChanges;

/**
 * How a live update reaches subscribers: recorded in the cluster change log (topic {@code live}, key the live topic,
 * payload {@code event:data}) in the caller's transaction, and handed to {@link LiveSubscribers} by the change log's
 * follower on every instance once it has committed.
 */
@FunctionalInterface
interface LiveUpdateRelay {
    String CHANGE_TOPIC = "live";

    /** Sends {@code update} once the surrounding transaction commits (never if it rolls back), at once without one. */
    void send(LiveUpdate update);

    static LiveUpdateRelay through(ClusterChanges changes, LiveSubscribers local) {
        changes.follow(CHANGE_TOPIC, change -> {
            String payload = change.payload() == null ? "" : change.payload();
            int colon = payload.indexOf(':');
            if (change.key() != null && colon > 0) {
                local.deliver(new LiveUpdate(change.key(), payload.substring(0, colon), payload.substring(colon + 1)));
            }
        });
        return update -> changes.append(CHANGE_TOPIC, update.topic(), update.event() + ":" + update.data());
    }
}
