package dev.kintsugi.search;

import java.time.Instant;
import java.util.Set;

/**
 * A search: the text of the search box ({@code q}, Lucene syntax plus the field filters {@code type:},
 * {@code service:}, {@code team:}, {@code severity:}, {@code tag:}, {@code status:} and the period
 * {@code after:}/{@code before:}/{@code period:}), and the same filters as parameters (both apply). Null or empty
 * means "any". Pages are numbered from 0.
 */
public record SearchQuery(
        String q,
        Set<DocumentType> types,
        String service,
        String team,
        String severity,
        String tag,
        Instant from,
        Instant to,
        int page,
        int size) {

    public SearchQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public static SearchQuery of(String q) {
        return new SearchQuery(q, Set.of(), null, null, null, null, null, null, 0, 20);
    }
}
