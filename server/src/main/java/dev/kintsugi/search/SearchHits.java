package dev.kintsugi.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * What a search shows of its matches: each hit's stored fields with its title and snippet highlighted
 * ({@code <mark>}, everything else escaped) and the words that matched, and the facet counts of all the matches.
 */
final class SearchHits {
    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");

    private final SearchIndex index;

    SearchHits(SearchIndex index) {
        this.index = index;
    }

    /** The hits for these documents: titles and snippets highlighted by {@code highlight} (none when null). */
    List<SearchResults.Hit> read(IndexSearcher searcher, Query highlight, ScoreDoc[] docs, int passages)
            throws IOException {
        if (docs.length == 0) {
            return List.of();
        }
        String[] titles = new String[docs.length];
        String[] snippets = new String[docs.length];
        if (highlight != null) {
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, index.analyzer())
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                    .withScorer(new LeanPassageScorer())
                    .withHandleMultiTermQuery(true)
                    .withHighlightPhrasesStrictly(true)
                    .withMaxLength(100_000)
                    .build();
            int[] ids = Arrays.stream(docs).mapToInt(d -> d.doc).toArray();
            Map<String, String[]> h = highlighter.highlightFields(
                    new String[] {SearchIndex.TITLE, SearchIndex.BODY},
                    // rewritten: a typo's few expansions are terms to look up, not automata to run on every hit
                    searcher.rewrite(highlight),
                    ids,
                    new int[] {1, passages});
            titles = h.get(SearchIndex.TITLE);
            snippets = h.get(SearchIndex.BODY);
        }
        List<SearchResults.Hit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int i = 0; i < docs.length; i++) {
            Document d = stored.document(docs[i].doc);
            String title =
                    titles[i] != null && titles[i].contains("<mark>") ? titles[i] : escape(d.get(SearchIndex.TITLE));
            String snippet = snippets[i] != null ? snippets[i] : escape(excerpt(d.get(SearchIndex.BODY)));
            Set<String> matched = new LinkedHashSet<>();
            for (String html : new String[] {title, snippet}) {
                Matcher m = MARK.matcher(html);
                while (m.find() && matched.size() < 8) {
                    matched.add(unescape(m.group(1)).toLowerCase(Locale.ROOT));
                }
            }
            String date = d.get(SearchIndex.DATE);
            hits.add(new SearchResults.Hit(
                    DocumentType.valueOf(d.get(SearchIndex.TYPE).toUpperCase(Locale.ROOT)),
                    d.getField(SearchIndex.ID).numericValue().longValue(),
                    d.get(SearchIndex.REF),
                    d.get(SearchIndex.URL),
                    title,
                    snippet,
                    List.of(d.getValues(SearchIndex.SERVICE)),
                    Optional.ofNullable(d.get(SearchIndex.SEVERITY))
                            .map(s -> s.toUpperCase(Locale.ROOT))
                            .orElse(null),
                    Optional.ofNullable(d.get(SearchIndex.STATUS))
                            .map(s -> s.toUpperCase(Locale.ROOT))
                            .orElse(null),
                    date == null ? null : Instant.ofEpochMilli(Long.parseLong(date)),
                    List.copyOf(matched)));
        }
        return hits;
    }

    /** Counts of the first ten values of each facet among the matches. */
    Map<String, List<SearchResults.FacetCount>> facets(IndexSearcher searcher, FacetsCollector matches)
            throws IOException {
        Map<String, List<SearchResults.FacetCount>> facets = new LinkedHashMap<>();
        Optional<SortedSetDocValuesReaderState> state = index.facetState(searcher);
        SortedSetDocValuesFacetCounts all =
                state.isPresent() ? new SortedSetDocValuesFacetCounts(state.get(), matches) : null;
        for (String dim : Search.FACETS) {
            List<SearchResults.FacetCount> counts = new ArrayList<>();
            if (all != null) {
                try {
                    FacetResult fr = all.getTopChildren(10, dim);
                    if (fr != null) {
                        for (LabelAndValue lv : fr.labelValues) {
                            counts.add(new SearchResults.FacetCount(lv.label, lv.value.longValue()));
                        }
                    }
                } catch (IllegalArgumentException e) {
                    // no document has this dimension yet
                }
            }
            facets.put(dim, counts);
        }
        return facets;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 240 ? body : body.substring(0, 240) + "…";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }
}
