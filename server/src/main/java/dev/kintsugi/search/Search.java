package dev.kintsugi.search;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Times;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search facade: one search box over everything the viewer may read, and the incidents and post-mortems most
 * like a text. Privacy is part of the query (a private incident, its post-mortem and countermeasures match only
 * for its participants and admins), so hits, totals and facet counts never include what the viewer may not see.
 */
@Service
public class Search {
    public static final int MAX_PAGE_SIZE = 50;
    public static final int MAX_PAGE = 100;
    /** Up to this many matches every one is scored; beyond, Lucene skips the blocks that cannot reach the page. */
    static final int SCORE_EVERY_MATCH_UP_TO = 20_000;

    static final List<String> FACETS =
            List.of(SearchIndex.TYPE, SearchIndex.SERVICE, SearchIndex.TEAM, SearchIndex.SEVERITY);

    private final SearchIndex index;
    private final SearchHits hits;
    private final SearchIndexing indexing;
    private final Times times;
    private final AuditLog audit;

    Search(SearchIndex index, SearchIndexing indexing, Times times, AuditLog audit) {
        this.index = index;
        this.hits = new SearchHits(index);
        this.indexing = indexing;
        this.times = times;
        this.audit = audit;
    }

    /** The hits of this query the current viewer may read, a page at a time, with facet counts. */
    public SearchResults search(SearchQuery q) {
        if (q.page() < 0 || q.page() > MAX_PAGE) {
            throw new InvalidInputException(
                    "page", "search.validation.page", "must be between 0 and " + MAX_PAGE, MAX_PAGE);
        }
        if (q.size() < 1 || q.size() > MAX_PAGE_SIZE) {
            throw new InvalidInputException(
                    "size", "search.validation.size", "must be between 1 and " + MAX_PAGE_SIZE, MAX_PAGE_SIZE);
        }
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            throw new InvalidInputException("to", "search.validation.toAfterFrom", "must be after 'from'");
        }
        // periods are the viewer's days (UTC for a caller outside Spring: the relevance and speed tests)
        QueryText.Parsed parsed =
                QueryText.parse(q.q(), index.analyzer(), times == null ? java.time.ZoneOffset.UTC : times.zone());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(parsed.text() == null ? new MatchAllDocsQuery() : parsed.text(), Occur.MUST);
        Map<String, List<String>> filters = new LinkedHashMap<>(parsed.filters());
        add(filters, "type", q.types().stream().map(DocumentType::id).toList());
        add(filters, "service", q.service());
        add(filters, "team", q.team());
        add(filters, "severity", q.severity());
        add(filters, "tag", q.tag());
        for (var f : filters.entrySet()) {
            String field = switch (f.getKey()) {
                case "type" -> SearchIndex.TYPE;
                case "service" -> SearchIndex.SERVICE;
                case "team" -> SearchIndex.TEAM;
                case "severity" -> SearchIndex.SEVERITY;
                case "tag" -> SearchIndex.TAG;
                case "status" -> SearchIndex.STATUS;
                default -> null;
            };
            if (field == null) {
                continue;
            }
            if (field.equals(SearchIndex.TYPE)) {
                f.getValue().forEach(Search::requireType);
            }
            // several values of one filter: any of them; different filters: all of them
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            f.getValue().forEach(v -> any.add(new TermQuery(new Term(field, SearchIndex.norm(v))), Occur.SHOULD));
            b.add(any.build(), Occur.FILTER);
        }
        Instant from = later(parsed.from(), q.from());
        Instant to = earlier(parsed.to(), q.to());
        if (from != null || to != null) {
            b.add(
                    LongPoint.newRangeQuery(
                            SearchIndex.DATE,
                            from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                            to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1),
                    Occur.FILTER);
        }
        privacy(b);
        Query query = b.build();
        Sort newestFirst = new Sort(new SortField(SearchIndex.DATE, SortField.Type.LONG, true));
        int n = (q.page() + 1) * q.size();
        return index.read(searcher -> {
            try {
                // rewritten once (a typo's expansions walk the term dictionary) for both passes and the highlighter
                Query rewritten = searcher.rewrite(query);
                // every match, unscored, for the facets and the total; then only the best n, scored, which lets
                // Lucene skip the blocks that cannot reach them (one scored pass over every match cost the most)
                FacetsCollector all = searcher.search(new ConstantScoreQuery(rewritten), new FacetsCollectorManager());
                long total = 0;
                for (FacetsCollector.MatchingDocs m : all.getMatchingDocs()) {
                    total += m.totalHits();
                }
                // a few thousand matches are cheaper to score one by one than through the block-max skipping, which
                // decodes every term's impacts (two common words: most of a search's time); the same best n either way
                TopDocs top = parsed.text() == null
                        ? searcher.search(rewritten, n, newestFirst)
                        : searcher.search(
                                rewritten,
                                new TopScoreDocCollectorManager(
                                        n, null, total <= SCORE_EVERY_MATCH_UP_TO ? Integer.MAX_VALUE : n));
                Map<String, List<SearchResults.FacetCount>> facets = hits.facets(searcher, all);
                ScoreDoc[] page = Arrays.copyOfRange(
                        top.scoreDocs, Math.min(top.scoreDocs.length, q.page() * q.size()), top.scoreDocs.length);
                List<SearchResults.Hit> found = hits.read(searcher, parsed.text() == null ? null : rewritten, page, 2);
                return new SearchResults(found, total, q.page(), q.size(), facets);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The past incidents and post-mortems most like this text (MoreLikeThis over titles and texts), those on the
     * same services first, as the viewer may read them; {@code exclude} (an incident key) and its post-mortem left
     * out. Each hit says which words matched.
     */
    public List<SearchResults.Hit> similar(
            String title, String description, List<String> services, String exclude, int limit) {
        String text = ((title == null ? "" : title) + "\n" + (description == null ? "" : description)).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.length() > 20_000) {
            text = text.substring(0, 20_000);
        }
        String like = text;
        int max = Math.clamp(limit, 1, 20);
        return index.read(searcher -> {
            try {
                MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
                mlt.setAnalyzer(index.analyzer());
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
                mlt.setMinWordLen(3);
                mlt.setMaxQueryTerms(30);
                mlt.setBoost(true);
                mlt.setStopWords(Set.copyOf(BilingualAnalyzer.STOP_WORDS.stream()
                        .map(o -> new String((char[]) o))
                        .toList()));
                BooleanQuery.Builder words = new BooleanQuery.Builder();
                mlt.setFieldNames(new String[] {SearchIndex.TITLE});
                words.add(new BoostQuery(mlt.like(SearchIndex.TITLE, new StringReader(like)), 2f), Occur.SHOULD);
                mlt.setFieldNames(new String[] {SearchIndex.BODY});
                words.add(mlt.like(SearchIndex.BODY, new StringReader(like)), Occur.SHOULD);
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                b.add(words.build(), Occur.MUST);
                for (String s : services == null ? List.<String>of() : services) {
                    b.add(
                            new BoostQuery(new TermQuery(new Term(SearchIndex.SERVICE, SearchIndex.norm(s))), 1.5f),
                            Occur.SHOULD);
                }
                b.add(
                        new BooleanQuery.Builder()
                                .add(
                                        new TermQuery(new Term(SearchIndex.TYPE, DocumentType.INCIDENT.id())),
                                        Occur.SHOULD)
                                .add(
                                        new TermQuery(new Term(SearchIndex.TYPE, DocumentType.POSTMORTEM.id())),
                                        Occur.SHOULD)
                                .build(),
                        Occur.FILTER);
                if (exclude != null) {
                    b.add(new TermQuery(new Term(SearchIndex.REF, exclude)), Occur.MUST_NOT);
                    b.add(new TermQuery(new Term(SearchIndex.PARENT, exclude)), Occur.MUST_NOT);
                }
                privacy(b);
                Query query = b.build();
                TopDocs top = searcher.search(query, max);
                return hits.read(searcher, words.build(), top.scoreDocs, 1).stream()
                        .filter(h -> !h.matched().isEmpty())
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Starts rebuilding the index from the modules (admins), unless a rebuild is running; its progress. */
    @Transactional
    public RebuildProgress rebuild() {
        requireAdmin();
        RebuildProgress before = indexing.progress();
        RebuildProgress p = indexing.rebuild("asked by " + Actor.current());
        if (!before.running()) {
            audit.record(
                    "search.rebuild-requested",
                    "search-index",
                    "all",
                    "Asked for a rebuild of the search index",
                    null,
                    null);
        }
        return p;
    }

    /** Whether the index is being rebuilt (anyone may know: the search page says its results may be partial). */
    public RebuildProgress indexProgress() {
        return indexing.progress();
    }

    public RebuildProgress rebuildProgress() {
        requireAdmin();
        return indexing.progress();
    }

    private static void requireAdmin() {
        if (!Actor.isSystem() && !Actor.hasRole(Role.ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("rebuilding the index is for admins");
        }
    }

    private static void privacy(BooleanQuery.Builder b) {
        if (Actor.isSystem() || Actor.hasRole(Role.ADMIN)) {
            return;
        }
        b.add(
                new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(SearchIndex.RESTRICTED, "false")), Occur.SHOULD)
                        .add(new TermQuery(new Term(SearchIndex.READER, Actor.current())), Occur.SHOULD)
                        .build(),
                Occur.FILTER);
    }

    private static void requireType(String type) {
        try {
            DocumentType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "q",
                    "search.validation.type",
                    "no type '" + type + "': use incident, postmortem, countermeasure, experiment or runbook",
                    type);
        }
    }

    private static void add(Map<String, List<String>> filters, String name, String value) {
        if (value != null && !value.isBlank()) {
            filters.computeIfAbsent(name, k -> new ArrayList<>()).add(value.strip());
        }
    }

    private static void add(Map<String, List<String>> filters, String name, List<String> values) {
        values.forEach(v -> add(filters, name, v));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
