package dev.kintsugi.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * The analyser of every text field, for text in English and French alike: words are split (Unicode rules), French
 * elisions removed ({@code l'incident} → {@code incident}), lower-cased, English and French stop words dropped,
 * and each word is indexed as written and, at the same position, as its English stem, its French stem (Snowball)
 * and its form without accents. A query goes through the same analyser, so "restarting" finds "restarted" and
 * "redémarrages" finds "redémarrage", phrases still match word for word, and prefixes and fuzzy terms see the
 * words as written. One field per text, not one per language: no language detection to get wrong on a
 * post-mortem that mixes both, one stored copy to highlight.
 */
final class BilingualAnalyzer extends Analyzer {
    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(FrenchAnalyzer.getDefaultStopSet());
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new StemsFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** Adds each word's English stem, French stem and unaccented form at the word's position. */
    static final class StemsFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final SnowballStemmer english = new EnglishStemmer();
        private final SnowballStemmer french = new FrenchStemmer();
        private final Deque<String> pending = new ArrayDeque<>();
        private State current;

        StemsFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(current);
                term.setEmpty().append(pending.pop());
                position.setPositionIncrement(0);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            if (word.length() > 2 && Character.isLetter(word.charAt(0))) {
                String[] forms = seen.get(word);
                if (forms == null) {
                    List<String> f = new ArrayList<>(3);
                    add(f, word, stem(english, word));
                    add(f, word, stem(french, word));
                    add(f, word, fold(word));
                    forms = f.toArray(String[]::new);
                    seen.put(word, forms);
                }
                pending.addAll(Arrays.asList(forms));
            }
            current = pending.isEmpty() ? null : captureState();
            return true;
        }

        /**
         * The forms of the words seen lately: stemming twice and folding every word was half of what indexing cost
         * (profiled on a rebuild of 100,000 post-mortems), and texts repeat their words. Kept per filter, which the
         * analyser reuses per thread.
         */
        private final Map<String, String[]> seen = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                return size() > 8192;
            }
        };

        private static void add(List<String> forms, String word, String form) {
            if (!form.isEmpty() && !form.equals(word) && !forms.contains(form)) {
                forms.add(form);
            }
        }

        private static String stem(SnowballStemmer stemmer, String word) {
            stemmer.setCurrent(word);
            stemmer.stem();
            return stemmer.getCurrent();
        }

        private static String fold(String word) {
            boolean ascii = true;
            for (int i = 0; i < word.length() && ascii; i++) {
                ascii = word.charAt(i) < 0x80;
            }
            if (ascii) {
                return word;
            }
            char[] out = new char[word.length() * 4];
            int n = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, out, 0, word.length());
            return new String(out, 0, n);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            current = null;
        }
    }
}
