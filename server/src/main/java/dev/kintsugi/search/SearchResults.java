package dev.kintsugi.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of hits, the total the viewer may see, and the facet counts over all of them (type, service, team,
 * severity: most frequent first). Titles and snippets are HTML: the indexed text escaped, with the matched words
 * in {@code <mark>}.
 */
public record SearchResults(List<Hit> hits, long total, int page, int size, Map<String, List<FacetCount>> facets) {

    public int totalPages() {
        return size == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public record Hit(
            DocumentType type,
            long id,
            String ref,
            String url,
            String titleHtml,
            String snippetHtml,
            List<String> services,
            String severity,
            String status,
            Instant date,
            List<String> matched) {}

    public record FacetCount(String value, long count) {}
}
