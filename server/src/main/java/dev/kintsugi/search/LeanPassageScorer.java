package dev.kintsugi.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage's distinct terms, times the position norm), without the
 * {@code BytesRefHash} Lucene allocates for every candidate passage: a passage has a handful of matches, so the
 * distinct terms are found by comparing them pairwise. The highlighter spent a third of a search's allocations on
 * those hashes (a 32 KB block each), which showed as young-generation pauses in the p99.
 */
final class LeanPassageScorer extends PassageScorer {
    @Override
    public float score(Passage passage, int contentLength) {
        int n = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] inDoc = passage.getMatchTermFreqsInDoc();
        double score = 0;
        for (int i = 0; i < n; i++) {
            if (seenBefore(terms, i)) {
                continue;
            }
            int inPassage = 1;
            for (int j = i + 1; j < n; j++) {
                if (terms[j].bytesEquals(terms[i])) {
                    inPassage++;
                }
            }
            // the same arithmetic as PassageScorer.score: each term's product in float, summed in double
            score += tf(inPassage, passage.getLength()) * weight(contentLength, inDoc[i]);
        }
        return (float) (score * norm(passage.getStartOffset()));
    }

    private static boolean seenBefore(BytesRef[] terms, int i) {
        for (int j = 0; j < i; j++) {
            if (terms[j].bytesEquals(terms[i])) {
                return true;
            }
        }
        return false;
    }
}
