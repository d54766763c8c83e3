package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The allocation-free passage score is Lucene's, to the bit, for passages with repeated and distinct terms. */
class LeanPassageScorerTest {
    private static final String[] WORDS = {"checkout", "timeout", "pool", "connexion", "database", "latency"};

    @Test
    void scoresPassagesExactlyAsLucene() {
        PassageScorer lucene = new PassageScorer();
        LeanPassageScorer lean = new LeanPassageScorer();
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            Passage p = new Passage();
            int start = random.nextInt(5_000);
            p.setStartOffset(start);
            p.setEndOffset(start + 1_000); // a match must lie inside the passage
            int matches = random.nextInt(12);
            int at = start;
            for (int m = 0; m < matches; m++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                // a term's frequency in the document is the same for each of its matches
                int inDoc = 1 + Math.floorMod(word.hashCode(), 9);
                p.addMatch(at, at + word.length(), new BytesRef(word), inDoc);
                at += word.length() + 1 + random.nextInt(60);
            }
            int contentLength = start + 1_000 + random.nextInt(10_000);
            assertThat(lean.score(p, contentLength)).as(p.toString()).isEqualTo(lucene.score(p, contentLength));
        }
    }

    @Test
    void aPassageWithoutMatchesScoresZero() {
        Passage p = new Passage();
        p.setStartOffset(10);
        p.setEndOffset(40);
        assertThat(new LeanPassageScorer().score(p, 100)).isZero();
    }
}
