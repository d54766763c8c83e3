package dev.kintsugi.postmortem.language;

import dev.kintsugi.postmortem.language.Finding.Category;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.springframework.stereotype.Component;

/**
 * The blameless language check: flags counterfactual and blaming wording in post-mortem text, and refuses
 * countermeasures that only ask people to try harder.
 *
 * <p>Rules come from one data file per language ({@code postmortem/language-rules-en.json}, {@code -fr.json}; the
 * format is described on {@link LanguageRules}). A language without a file is checked with the English rules.
 *
 * <p>The check runs on the raw text as typed, Markdown included: a phrase inside a quote block ({@code > we could
 * have lunch}), a code span or a link text is flagged exactly like the same phrase in a paragraph. This is
 * deliberate: offsets then point into the text the user edits, and the same words always give the same finding,
 * wherever they stand. A quotation someone really said can stay; the finding is a prompt, not a ban.
 *
 * <p>Offsets are UTF-16 indexes into the given text (Java and JavaScript string indexes). Matching is
 * case-insensitive, on whole words, and works on the Unicode NFC form of the text, so decomposed accents match;
 * offsets still point into the text as given.
 */
@Component
public class LanguageCheck {
    private final Map<String, LanguageRules> rulesByLanguage;

    public LanguageCheck() {
        this.rulesByLanguage = Map.of("en", LanguageRules.load("en"), "fr", LanguageRules.load("fr"));
    }

    /**
     * Counterfactual and blaming passages of {@code text}, in order of position, never overlapping. Try-harder
     * wording is not reported here ("the on-call double-checked the config" is a fine sentence in a timeline); it
     * matters only for countermeasures, see {@link #tryHarderCountermeasure}.
     */
    public List<Finding> check(String text, Locale language) {
        return findings(text, language, false);
    }

    /**
     * The reason to refuse a countermeasure whose title only asks people to try harder, or empty when it is
     * acceptable. The explanation includes examples of real countermeasures.
     */
    public Optional<Finding> tryHarderCountermeasure(String countermeasureTitle, Locale language) {
        LanguageRules rules = rules(language);
        return findings(countermeasureTitle, language, true).stream()
                .findFirst()
                .map(f -> new Finding(
                        f.start(),
                        f.end(),
                        f.match(),
                        f.ruleId(),
                        f.category(),
                        f.explanation() + " " + advice(rules.tryHarderAdvice()),
                        f.prompt()));
    }

    /** What a real countermeasure looks like, with examples, in {@code language} (English without a rule file). */
    public String tryHarderAdvice(Locale language) {
        return advice(rules(language).tryHarderAdvice());
    }

    /** The language whose rules flagged a finding ({@code en}, {@code fr}), from its rule id. */
    public static String languageOf(Finding f) {
        int dot = f.ruleId().indexOf('.');
        return dot < 0 ? "" : f.ruleId().substring(0, dot);
    }

    LanguageRules rules(Locale language) {
        String key = language == null ? "en" : language.getLanguage();
        return rulesByLanguage.getOrDefault(key, rulesByLanguage.get("en"));
    }

    private List<Finding> findings(String text, Locale language, boolean tryHarder) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Nfc nfc = Nfc.of(text);
        List<Finding> candidates = new ArrayList<>();
        for (LanguageRules.Rule rule : rules(language).rules()) {
            if ((rule.category() == Category.TRY_HARDER) != tryHarder) {
                continue;
            }
            Matcher m = rule.pattern().matcher(nfc.text());
            while (m.find()) {
                int start = nfc.originalStart(m.start());
                int end = nfc.originalEnd(m.end());
                candidates.add(new Finding(
                        start,
                        end,
                        text.substring(start, end),
                        rule.id(),
                        rule.category(),
                        rule.explanation(),
                        rule.prompt()));
            }
        }
        // Earliest first, longest first at the same place; drop anything overlapping a finding already kept.
        candidates.sort(Comparator.comparingInt(Finding::start)
                .thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        List<Finding> kept = new ArrayList<>();
        int keptUntil = -1;
        for (Finding f : candidates) {
            if (f.start() >= keptUntil) {
                kept.add(f);
                keptUntil = f.end();
            }
        }
        return List.copyOf(kept);
    }

    private static String advice(LanguageRules.Advice advice) {
        return advice.intro() + " " + String.join("; ", advice.examples()) + ".";
    }

    /** The NFC form of a text with a map back to the original offsets (identity when already NFC). */
    private record Nfc(String text, int[] starts, int[] ends) {
        static Nfc of(String original) {
            if (Normalizer.isNormalized(original, Normalizer.Form.NFC)) {
                return new Nfc(original, null, null);
            }
            StringBuilder out = new StringBuilder(original.length());
            int[] starts = new int[original.length() * 3 + 1]; // NFC can lengthen a few characters
            int[] ends = new int[original.length() * 3 + 1];
            int i = 0;
            while (i < original.length()) {
                // A segment is one character with the combining marks that follow it.
                int j = i + Character.charCount(original.codePointAt(i));
                while (j < original.length() && isMark(original.codePointAt(j))) {
                    j += Character.charCount(original.codePointAt(j));
                }
                String normalized = Normalizer.normalize(original.substring(i, j), Normalizer.Form.NFC);
                for (int k = 0; k < normalized.length(); k++) {
                    starts[out.length() + k] = i;
                    ends[out.length() + k] = j;
                }
                out.append(normalized);
                i = j;
            }
            return new Nfc(out.toString(), starts, ends);
        }

        int originalStart(int index) {
            return starts == null ? index : starts[index];
        }

        int originalEnd(int index) {
            return ends == null ? index : index == 0 ? 0 : ends[index - 1];
        }

        private static boolean isMark(int codePoint) {
            int type = Character.getType(codePoint);
            return type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
        }
    }
}
