package dev.kintsugi.search;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up: follows the change log, catches up from the index's cursor, and rebuilds the index in the background
 * when it was missing, unreadable, of an older schema, or behind a purged log (the search page says a rebuild is
 * running, with its progress, meanwhile).
 */
@Component
class SearchStartup {
    private final SearchIndex index;
    private final SearchChanges changes;

    SearchStartup(SearchIndex index, SearchChanges changes) {
        this.index = index;
        this.changes = changes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        changes.start();
    }

    /** Opens the index again and catches up or rebuilds as at start-up (what a restart does, without one). */
    RebuildProgress check() {
        index.reopen();
        return changes.catchUp("after reopening");
    }
}
