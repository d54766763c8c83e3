package dev.kintsugi.search;

import dev.kintsugi.platform.cluster.ClusterChange;
import dev.kintsugi.platform.cluster.ClusterChanges;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The search index's changes, through the cluster change log so that every instance's index follows them: a
 * listener appends the key of the document an event changed ({@code incident:12}) in its own transaction; every
 * instance follows the topic and reindexes that document, and commits the log id it reached with the index. At
 * start-up an instance reads what it missed from its cursor; if the log no longer goes back that far (purged), or
 * the index is missing or unreadable, it rebuilds.
 */
@Component
class SearchChanges implements DisposableBean {
    static final String TOPIC = "search";
    static final int CATCH_UP_BATCH = 500;
    /**
     * A change with this key asks every instance to rebuild its whole index: written by what changes the database
     * behind the modules' backs (the history generator, {@code dev.kintsugi.search.generator}).
     */
    static final String REBUILD_KEY = "rebuild";

    private static final Logger log = LoggerFactory.getLogger(SearchChanges.class);

    private final ClusterChanges cluster;
    private final SearchIndex index;
    private final SearchIndexing indexing;
    /**
     * Reindexing happens on a thread of its own, never on the change log's follower: Lucene's file channels close
     * for good when the thread using them is interrupted (the follower is interrupted when the application stops,
     * and another topic's listener may leave its interrupt flag set), which would close the index writer. One
     * thread keeps the log's order.
     */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("search-index").daemon(true).factory());

    SearchChanges(ClusterChanges cluster, SearchIndex index, SearchIndexing indexing) {
        this.cluster = cluster;
        this.index = index;
        this.indexing = indexing;
    }

    /** Records that the document with this key changed (in the caller's transaction). */
    void changed(String key) {
        cluster.append(TOPIC, key, null);
    }

    /** Follows the log from now on, then catches up from the index's cursor, or rebuilds when it cannot. */
    void start() {
        cluster.follow(TOPIC, this::apply);
        catchUp("at start-up");
    }

    /** Catches up from the cursor (after a restart or a reopen); rebuilds when the log does not reach back. */
    RebuildProgress catchUp(String when) {
        Optional<Long> cursor = index.cursor();
        long oldest = cluster.oldestId();
        if (index.needsRebuild() || cursor.isEmpty()) {
            // an index without a cursor was never completely built (created empty by a reopen, or a rebuild died)
            return indexing.rebuild("index missing or unreadable " + when);
        }
        if (oldest > 0 && cursor.get() + 1 < oldest) {
            return indexing.rebuild("the change log no longer reaches the index's cursor " + when);
        }
        long at = cursor.get();
        int caughtUp = 0;
        while (true) {
            List<ClusterChange> changes = cluster.since(TOPIC, at, CATCH_UP_BATCH);
            if (changes.isEmpty()) {
                break;
            }
            Set<String> keys = new LinkedHashSet<>();
            changes.forEach(c -> keys.add(c.key()));
            if (keys.contains(REBUILD_KEY)) {
                return indexing.rebuild("the change log asked for a rebuild " + when);
            }
            at = changes.getLast().id();
            indexing.reindex(keys, at);
            caughtUp += changes.size();
        }
        if (caughtUp > 0) {
            log.info("search index caught up {} changes {}", caughtUp, when);
        }
        return indexing.progress();
    }

    private void apply(ClusterChange change) {
        if (change.key() != null && !worker.isShutdown()) {
            worker.execute(() -> {
                if (REBUILD_KEY.equals(change.key())) {
                    indexing.rebuild("the change log asked for a rebuild");
                    return;
                }
                try {
                    indexing.reindex(List.of(change.key()), change.id());
                } catch (RuntimeException e) {
                    // the writer may be closed for good (a tragic I/O error): open the index again and replay the
                    // log from its last commit rather than stop following changes
                    log.warn("search: change {} not indexed ({}); reopening the index", change.id(), e.toString());
                    index.reopen();
                    catchUp("after a failed change");
                }
            });
        }
    }

    /**
     * Runs {@code task} on the index's own thread, between two changes, and waits for it: for tests that damage the
     * index files while other tests' changes keep arriving.
     */
    void onIndexThread(Runnable task) {
        try {
            worker.submit(task).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("search: task on the index thread failed", e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("search index changes still being applied at shutdown: the next start catches up from the log");
        }
    }
}
