package dev.kintsugi.search;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, rebuilds the index in the background when it was missing, unreadable or of an older schema (the
 * search page says a rebuild is running, with its progress, meanwhile).
 */
@Component
class SearchStartup {
    private final SearchIndex index;
    private final SearchIndexing indexing;

    SearchStartup(SearchIndex index, SearchIndexing indexing) {
        this.index = index;
        this.indexing = indexing;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (index.needsRebuild()) {
            indexing.rebuild("index missing or unreadable at start-up");
        }
    }

    /** Opens the index again and rebuilds it if it must (what a restart does, without one). */
    RebuildProgress check() {
        index.reopen();
        return index.needsRebuild() ? indexing.rebuild("index missing or unreadable") : indexing.progress();
    }
}
