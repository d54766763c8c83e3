package dev.kintsugi.search;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a change to a document is recorded. Today it is indexed right away on this instance; with the cluster
 * change log each change is appended to the log in the listener's transaction and every instance follows it.
 */
@Component
class SearchChanges {
    private final SearchIndexing indexing;

    SearchChanges(SearchIndexing indexing) {
        this.indexing = indexing;
    }

    void changed(String key) {
        indexing.reindex(List.of(key), null);
    }
}
