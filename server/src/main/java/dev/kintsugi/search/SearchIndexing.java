package dev.kintsugi.search;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.cluster.ClusterChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the index current: reindexes the documents a change names (and those that follow from them: an
 * incident's post-mortem and countermeasures carry its privacy), and rebuilds the whole index in the background
 * with its progress. Changes that arrive during a rebuild are applied again once it has finished, so that a
 * rebuild reading an older state never has the last word.
 */
@Component
class SearchIndexing implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

    private final SearchIndex index;
    private final DocumentSources sources;
    private final SearchProperties properties;
    private final Clock clock;
    private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-rebuild");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.NEVER);
    private final Set<String> changedDuringRebuild = new LinkedHashSet<>();

    private final ClusterChanges cluster;

    SearchIndexing(
            SearchIndex index,
            DocumentSources sources,
            SearchProperties properties,
            Clock clock,
            ClusterChanges cluster) {
        this.index = index;
        this.cluster = cluster;
        this.sources = sources;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Reindexes the documents with these keys ({@code incident:12}) as they are now, and what follows from them;
     * commits with the change-log cursor reached ({@code null}: unchanged) and makes them searchable.
     */
    void reindex(Collection<String> keys, Long cursor) {
        synchronized (changedDuringRebuild) {
            if (progress.get().running()) {
                changedDuringRebuild.addAll(keys);
            }
        }
        Actor.runAsSystem("search: index changes", () -> {
            Set<String> all = new LinkedHashSet<>(keys);
            for (String key : keys) {
                parse(key).ifPresent(k -> all.addAll(sources.dependents(k.type(), k.id())));
            }
            write(all);
        });
        // during a rebuild nothing is committed nor shown: the last whole index stays the durable and visible one
        if (!progress.get().running()) {
            index.commit(cursor);
            index.refresh();
        }
    }

    private void write(Collection<String> keys) {
        List<SearchDocument> documents = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String key : keys) {
            Optional<Key> k = parse(key);
            if (k.isEmpty()) {
                continue;
            }
            sources.document(k.get().type(), k.get().id()).ifPresentOrElse(documents::add, () -> gone.add(key));
        }
        index.apply(documents, gone);
    }

    /** Starts a rebuild in the background unless one is running; answers the progress. */
    RebuildProgress rebuild(String reason) {
        synchronized (changedDuringRebuild) {
            RebuildProgress p = progress.get();
            if (p.running()) {
                return p;
            }
            p = new RebuildProgress(true, 0, 0, clock.instant(), null, reason, null);
            progress.set(p);
            rebuilds.submit(() -> run(reason));
            return p;
        }
    }

    RebuildProgress progress() {
        return progress.get();
    }

    private void run(String reason) {
        AtomicLong done = new AtomicLong();
        RebuildProgress started = progress.get();
        try {
            // what is appended from now on is followed (and replayed after the rebuild): the index is current to here
            long cursor = cluster.latestId();
            Actor.runAsSystem("search: rebuild the index (" + reason + ")", () -> {
                long total = sources.count();
                progress.set(new RebuildProgress(true, 0, total, started.startedAt(), null, reason, null));
                index.deleteAll();
                sources.everyKey(Math.max(1, properties.rebuildBatch()), keys -> {
                    write(keys);
                    long n = done.addAndGet(keys.size());
                    progress.set(
                            new RebuildProgress(true, n, Math.max(total, n), started.startedAt(), null, reason, null));
                });
            });
            index.commit(cursor);
            index.refresh();
            index.rebuilt();
            Set<String> again;
            synchronized (changedDuringRebuild) {
                again = new LinkedHashSet<>(changedDuringRebuild);
                changedDuringRebuild.clear();
                RebuildProgress p = progress.get();
                progress.set(
                        new RebuildProgress(false, p.done(), p.total(), p.startedAt(), clock.instant(), reason, null));
            }
            if (!again.isEmpty()) {
                reindex(again, null);
            }
            log.info("search index rebuilt ({}): {} documents", reason, done.get());
        } catch (RuntimeException e) {
            log.error("search index rebuild ({}) failed", reason, e);
            synchronized (changedDuringRebuild) {
                changedDuringRebuild.clear();
                RebuildProgress p = progress.get();
                progress.set(new RebuildProgress(
                        false, p.done(), p.total(), p.startedAt(), clock.instant(), reason, e.toString()));
            }
            index.refresh();
        }
    }

    record Key(DocumentType type, long id) {}

    static Optional<Key> parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            DocumentType type = DocumentType.valueOf(key.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
            return Optional.of(new Key(type, Long.parseLong(key.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void destroy() {
        rebuilds.shutdownNow();
    }
}
