package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** A word the index holds often is taken as typed; a rare or absent one also matches its near spellings. */
class NearSpellingsTest {

    private static long hits(IndexSearcher searcher, String word) throws IOException {
        Term t = new Term("body", word);
        return searcher.count(new NearSpellings(new TermQuery(t), t, new FuzzyQuery(t, 1)));
    }

    @Test
    void commonWordsAreNoTypos() throws IOException {
        try (var dir = new ByteBuffersDirectory()) {
            try (var w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
                for (String text : new String[] {"checkout slow", "checkout down", "checkout again", "checkoux typo"}) {
                    Document d = new Document();
                    d.add(new TextField("body", text, Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (var reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertThat(hits(searcher, "checkout"))
                        .as("in 3 documents: as typed only")
                        .isEqualTo(3);
                assertThat(hits(searcher, "checkoux"))
                        .as("in 1 document: its near spellings too")
                        .isEqualTo(4);
                assertThat(hits(searcher, "checkoup"))
                        .as("in none: its near spellings")
                        .isEqualTo(4);
            }
        }
    }
}
