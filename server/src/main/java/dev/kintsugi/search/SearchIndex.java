package dev.kintsugi.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Lucene index on disk ({@code kintsugi.search.index-dir}): one writer, searchers refreshed after every change,
 * the change-log cursor in the commit's user data. Opening it finds out whether it must be rebuilt: missing,
 * unreadable (corrupt, another Lucene's format) or written with another {@link #SCHEMA}; then it is emptied and
 * {@link #needsRebuild()} says so.
 */
@Component
class SearchIndex implements DisposableBean {
    static final String SCHEMA = "3";
    static final String KEY = "key";
    static final String TYPE = "type";
    static final String ID = "id";
    static final String REF = "ref";
    static final String PARENT = "parent";
    static final String URL = "url";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String SERVICE = "service";
    static final String TEAM = "team";
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String TAG = "tag";
    static final String DATE = "date";
    static final String RESTRICTED = "restricted";
    static final String READER = "reader";
    static final String CURSOR = "cursor";
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    /** Texts keep their offsets in the postings: highlighting reads them instead of analysing the text again. */
    private static final FieldType TEXT = new FieldType(TextField.TYPE_STORED);

    static {
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT.freeze();
    }

    private final Path dir;
    private final BilingualAnalyzer analyzer = new BilingualAnalyzer();
    private final FacetsConfig facets = new FacetsConfig();
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private volatile boolean needsRebuild;
    private volatile FacetState facetState;

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

    SearchIndex(SearchProperties properties) {
        this.dir = Path.of(properties.indexDir()).toAbsolutePath();
        facets.setMultiValued(SERVICE, true);
        facets.setMultiValued(TEAM, true);
        open();
    }

    BilingualAnalyzer analyzer() {
        return analyzer;
    }

    Path dir() {
        return dir;
    }

    /** True when the index was missing, unreadable or of another schema when it was (re)opened. */
    boolean needsRebuild() {
        return needsRebuild;
    }

    /** A rebuild went through: the index is whole again. */
    void rebuilt() {
        needsRebuild = false;
    }

    /** Closes and opens the index again, checking it as at start-up (after someone deleted or damaged it). */
    synchronized void reopen() {
        closeQuietly();
        open();
    }

    private synchronized void open() {
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            boolean exists = DirectoryReader.indexExists(directory);
            needsRebuild = !exists;
            if (exists) {
                try {
                    String schema = SegmentInfos.readLatestCommit(directory)
                            .getUserData()
                            .get("schema");
                    openWriter(IndexWriterConfig.OpenMode.APPEND);
                    if (!SCHEMA.equals(schema)) {
                        log.warn("search index in {} has schema {}, not {}: rebuilding it", dir, schema, SCHEMA);
                        writer.deleteAll();
                        needsRebuild = true;
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("search index in {} is unreadable ({}): rebuilding it", dir, e.toString());
                    closeQuietly();
                    wipe();
                    directory = FSDirectory.open(dir);
                    writer = null;
                    needsRebuild = true;
                }
            }
            if (writer == null) {
                openWriter(IndexWriterConfig.OpenMode.CREATE);
            }
            if (needsRebuild) {
                commit(null);
            }
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    private void openWriter(IndexWriterConfig.OpenMode mode) throws IOException {
        // a rebuild writes 100,000s of documents: flush larger segments, fewer merges; commits stay explicit
        IndexWriterConfig config =
                new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(64);
        writer = new IndexWriter(directory, config);
        if (mode == IndexWriterConfig.OpenMode.APPEND) {
            // reading every segment's header now, not at the first search, finds a damaged index at start-up
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                reader.numDocs();
            }
        }
    }

    private void wipe() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Adds or replaces these documents (by key) and deletes those keys; visible after {@link #refresh()}. */
    synchronized void apply(Collection<SearchDocument> documents, Collection<String> deletedKeys) {
        if (writer == null) {
            return; // closed: the application is stopping
        }
        try {
            for (SearchDocument d : documents) {
                writer.updateDocument(new Term(KEY, d.key()), facets.build(toLucene(d)));
            }
            for (String key : deletedKeys) {
                writer.deleteDocuments(new Term(KEY, key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds these documents without looking for older copies (a rebuild, after {@link #deleteAll()}; a change applied
     * meanwhile is applied again afterwards, which replaces every copy); visible after {@link #refresh()}.
     */
    synchronized void add(Collection<SearchDocument> documents) {
        if (writer == null) {
            return; // closed: the application is stopping
        }
        try {
            for (SearchDocument d : documents) {
                writer.addDocument(facets.build(toLucene(d)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void deleteAll() {
        try {
            writer.deleteAll();
            writer.setLiveCommitData(Map.of("schema", SCHEMA).entrySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the changes durable, with the change-log cursor they reach (null: keep the last one; never backwards,
     * except to start again after a rebuild: {@link #deleteAll()} forgets it).
     */
    synchronized void commit(Long cursor) {
        if (writer == null) {
            return; // closed: the application is stopping
        }
        Map<String, String> data = new HashMap<>();
        data.put("schema", SCHEMA);
        Long last = cursor().orElse(null);
        Long keep = cursor == null ? last : last == null ? cursor : Long.valueOf(Math.max(cursor, last));
        if (keep != null) {
            data.put(CURSOR, Long.toString(keep));
        }
        writer.setLiveCommitData(data.entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The change-log id the last commit reached, if any. */
    synchronized Optional<Long> cursor() {
        var live = writer.getLiveCommitData();
        if (live != null) {
            for (var e : live) {
                if (CURSOR.equals(e.getKey())) {
                    return Optional.of(Long.parseLong(e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    void refresh() {
        if (searchers == null) {
            return; // closed: the application is stopping
        }
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} on a current searcher (released afterwards). */
    <T> T read(Function<IndexSearcher, T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facet counts' state for this searcher's reader, or empty when no document has facets yet. */
    Optional<SortedSetDocValuesReaderState> facetState(IndexSearcher searcher) {
        FacetState s = facetState;
        if (s == null || s.reader != searcher.getIndexReader()) {
            try {
                s = new FacetState(
                        searcher.getIndexReader(),
                        new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), facets));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            facetState = s;
        }
        return Optional.of(s.state);
    }

    FacetsConfig facetsConfig() {
        return facets;
    }

    private static Document toLucene(SearchDocument d) {
        Document doc = new Document();
        doc.add(new StringField(KEY, d.key(), Field.Store.YES));
        doc.add(new StringField(TYPE, d.type().id(), Field.Store.YES));
        doc.add(new StoredField(ID, d.id()));
        doc.add(new StringField(REF, d.ref(), Field.Store.YES));
        if (d.parent() != null) {
            doc.add(new StringField(PARENT, d.parent(), Field.Store.YES));
        }
        doc.add(new StoredField(URL, d.url()));
        doc.add(new Field(TITLE, d.title(), TEXT));
        doc.add(new Field(BODY, d.body(), TEXT));
        doc.add(new SortedSetDocValuesFacetField(TYPE, d.type().id()));
        for (String s : d.services()) {
            doc.add(new StringField(SERVICE, norm(s), Field.Store.YES));
            doc.add(new SortedSetDocValuesFacetField(SERVICE, s));
        }
        for (String t : d.teams()) {
            doc.add(new StringField(TEAM, norm(t), Field.Store.YES));
            doc.add(new SortedSetDocValuesFacetField(TEAM, t));
        }
        if (d.severity() != null) {
            doc.add(new StringField(SEVERITY, norm(d.severity()), Field.Store.YES));
            doc.add(new SortedSetDocValuesFacetField(SEVERITY, d.severity()));
        }
        if (d.status() != null) {
            doc.add(new StringField(STATUS, norm(d.status()), Field.Store.YES));
        }
        for (String t : d.tags()) {
            doc.add(new StringField(TAG, norm(t), Field.Store.YES));
        }
        if (d.date() != null) {
            long ms = d.date().toEpochMilli();
            doc.add(new LongPoint(DATE, ms));
            doc.add(new NumericDocValuesField(DATE, ms));
            doc.add(new StoredField(DATE, ms));
        }
        doc.add(new StringField(RESTRICTED, Boolean.toString(d.restricted()), Field.Store.NO));
        for (String r : d.readers()) {
            doc.add(new StringField(READER, r, Field.Store.NO));
        }
        return doc;
    }

    static String norm(String value) {
        return value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing the search index: {}", e.toString());
        }
        searchers = null;
        writer = null;
        directory = null;
        facetState = null;
    }

    @Override
    public synchronized void destroy() {
        closeQuietly();
    }
}
