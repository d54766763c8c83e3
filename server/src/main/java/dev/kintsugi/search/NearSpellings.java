package dev.kintsugi.search;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * A typed word that also matches its near spellings (ranked below it), unless the index holds the word as typed in
 * at least one document in a thousand (and {@link #COMMON} at least): a word that common is no typo, and its near
 * spellings only add noise and cost — for a query of two common words they were most of a search's time, every
 * match of every spelling visited to count the facets. Decided when the query is rewritten against the index.
 */
final class NearSpellings extends Query {
    /** Below this many documents a word as typed may still be a typo (small indexes: a demo, a test). */
    static final int COMMON = 3;

    private final Query exact;
    private final Term word;
    private final Query near;

    NearSpellings(Query exact, Term word, Query near) {
        this.exact = exact;
        this.word = word;
        this.near = near;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        var reader = searcher.getIndexReader();
        if (reader.docFreq(word) >= Math.max(COMMON, reader.maxDoc() / 1000)) {
            return exact;
        }
        return either();
    }

    private Query either() {
        return new DisjunctionMaxQuery(List.of(exact, near), 0f);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        QueryVisitor v = visitor.getSubVisitor(Occur.SHOULD, this);
        exact.visit(v);
        near.visit(v);
    }

    @Override
    public String toString(String field) {
        return either().toString(field);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && exact.equals(((NearSpellings) other).exact)
                && word.equals(((NearSpellings) other).word)
                && near.equals(((NearSpellings) other).near);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), exact, word, near);
    }
}
