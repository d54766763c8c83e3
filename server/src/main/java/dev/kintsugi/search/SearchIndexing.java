package dev.kintsugi.search;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.cluster.ClusterChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final RebuildSource everything;
    private final SearchProperties properties;
    private final Clock clock;
    private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-rebuild");
        t.setDaemon(true);
        return t;
    });
    /** Writes a rebuild's pages into the index while the next page is read. */
    private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-rebuild-write");
        t.setDaemon(true);
        return t;
    });

    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.NEVER);
    private final Set<String> changedDuringRebuild = new LinkedHashSet<>();

    private final ClusterChanges cluster;
    /** The admin page's live topic: an event each time the rebuild moves on (at most one a second). */
    static final String LIVE_TOPIC = "search:rebuild";

    private final LiveUpdates live;
    private volatile long lastPublished;
    /**
     * A change key naming a catalog service or team by its current name ({@code catalog-service:checkout}): every
     * document carrying it is reindexed (after a rename; the old name is in the documents, not in the event).
     */
    static final String SERVICE_PREFIX = "catalog-service:";

    static final String TEAM_PREFIX = "catalog-team:";

    SearchIndexing(
            SearchIndex index,
            DocumentSources sources,
            RebuildSource everything,
            SearchProperties properties,
            Clock clock,
            ClusterChanges cluster,
            LiveUpdates live) {
        this.live = live;
        this.index = index;
        this.cluster = cluster;
        this.sources = sources;
        this.everything = everything;
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
            Set<String> named = new LinkedHashSet<>();
            for (String key : keys) {
                if (key.startsWith(SERVICE_PREFIX)) {
                    named.addAll(sources.carryingService(key.substring(SERVICE_PREFIX.length())));
                } else if (key.startsWith(TEAM_PREFIX)) {
                    named.addAll(sources.carryingTeam(key.substring(TEAM_PREFIX.length())));
                } else {
                    named.add(key);
                }
            }
            Set<String> all = new LinkedHashSet<>(named);
            for (String key : named) {
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
        sources.inBatch(() -> {
            for (String key : keys) {
                Optional<Key> k = parse(key);
                if (k.isEmpty()) {
                    continue;
                }
                sources.document(k.get().type(), k.get().id()).ifPresentOrElse(documents::add, () -> gone.add(key));
            }
        });
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
            announce(true);
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
                // pages of whole documents, added (not updated: the index was emptied), committed once at the end;
                // one page is analysed and written on another thread while the next is read (both cores)
                AtomicReference<Future<?>> writing = new AtomicReference<>();
                everything.everyDocument(Math.clamp(properties.rebuildBatch(), 1, 1000), documents -> {
                    await(writing.getAndSet(writes.submit(() -> {
                        index.add(documents);
                        long n = done.addAndGet(documents.size());
                        progress.set(new RebuildProgress(
                                true, n, Math.max(total, n), started.startedAt(), null, reason, null));
                        announce(false);
                    })));
                });
                await(writing.get());
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
            announce(true);
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
            announce(true);
        }
    }

    /** Waits for a page's writing (null: none), failing the rebuild with it. */
    private static void await(Future<?> write) {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search rebuild interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Tells the admin page (LiveUpdates) that the progress moved; {@code always}: started or finished. */
    private void announce(boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastPublished < 1_000_000_000L) {
            return;
        }
        lastPublished = now;
        try {
            RebuildProgress p = progress.get();
            live.publish(LIVE_TOPIC, "progress", p.running() ? String.valueOf(p.percent()) : "done");
        } catch (RuntimeException e) {
            // the page also shows the progress when it is reloaded: a lost tick is no reason to stop a rebuild
            log.debug("search: rebuild progress not announced ({})", e.toString());
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
        writes.shutdownNow();
    }
}
