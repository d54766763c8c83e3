package dev.kintsugi.platform.cluster;

import java.util.List;

/**
 * Changes that reach every instance on the database (DESIGN.md §6, "Several instances"): live updates, search-index
 * changes. A change is recorded in the caller's transaction and delivered, after it commits, to the listeners of its
 * topic on every instance. Changes are kept for {@code kintsugi.cluster.retention} (7 days by default).
 *
 * <p>Topics are lower-case words ({@code [a-z][a-z0-9._-]{0,99}}); a key (up to 200 characters) and a payload (up to
 * 100,000 characters) are free text, either may be null.
 */
public interface ClusterChanges {
    /** Records a change inside the caller's transaction (nothing is recorded if it rolls back). */
    void append(String topic, String key, String payload);

    /**
     * Calls listener, on THIS instance, for every change of topic appended on ANY instance after now, in id order, at
     * least once (a listener must be idempotent).
     */
    void follow(String topic, ClusterListener listener);

    /** The id of the latest change (0 if none): a follower that keeps its own cursor (e.g. a search index) reads from here. */
    long latestId();

    /** Changes of topic with id > afterId, oldest first, at most limit (for a cursor-keeping reader). */
    List<ClusterChange> since(String topic, long afterId, int limit);

    /** The oldest id still stored (changes are purged after kintsugi.cluster.retention, default 7 days). */
    long oldestId();
}
