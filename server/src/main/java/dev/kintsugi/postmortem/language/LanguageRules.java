package dev.kintsugi.postmortem.language;

import dev.kintsugi.postmortem.language.Finding.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compiled rules of one language, read from {@code postmortem/language-rules-<lang>.json} on the class path.
 *
 * <p>File format: {@code {"language": "en", "tryHarderAdvice": {"intro": ..., "examples": [...]}, "rules": [...]}}
 * where each rule is {@code {"id", "category" (COUNTERFACTUAL | BLAME | TRY_HARDER), "phrases": [...],
 * "regex": "...", "explanation", "prompt", "examples": [...], "nonExamples": [...]}}. A rule needs phrases, a
 * regex, or both; the alternatives are joined into one pattern. Phrases are literal: a space matches any run of
 * white space (line breaks and no-break spaces too), an apostrophe matches {@code '} or {@code ’}, a hyphen is
 * optional or a space ("double-check", "double check", "doublecheck"). Both phrases and regexes are matched
 * case-insensitively on whole words: the match may not start or end inside a word (it may end on an apostrophe before one), so "should have" never
 * matches inside "shouldhave" and "blame" never matches "blameless". Regexes use Java syntax with
 * {@link Pattern#UNICODE_CHARACTER_CLASS}. Text is matched in Unicode NFC, so a decomposed "é" matches "é".
 * {@code examples} must each be flagged by the rule and {@code nonExamples} must not (checked by a test).
 */
final class LanguageRules {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}_]";
    /** Not between two word characters: a match never starts or ends inside a word. */
    private static final String BOUNDARY = "(?:(?<!" + WORD_CHAR + ")|(?!" + WORD_CHAR + "))";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record Rule(
            String id,
            Category category,
            Pattern pattern,
            String explanation,
            String prompt,
            List<String> examples,
            List<String> nonExamples) {}

    record Advice(String intro, List<String> examples) {}

    record RuleSpec(
            String id,
            Category category,
            List<String> phrases,
            String regex,
            String explanation,
            String prompt,
            List<String> examples,
            List<String> nonExamples) {}

    record RuleFile(String language, Advice tryHarderAdvice, List<RuleSpec> rules) {}

    private final String language;
    private final Advice tryHarderAdvice;
    private final List<Rule> rules;

    private LanguageRules(String language, Advice tryHarderAdvice, List<Rule> rules) {
        this.language = language;
        this.tryHarderAdvice = tryHarderAdvice;
        this.rules = rules;
    }

    String language() {
        return language;
    }

    Advice tryHarderAdvice() {
        return tryHarderAdvice;
    }

    List<Rule> rules() {
        return rules;
    }

    static LanguageRules load(String language) {
        String resource = "postmortem/language-rules-" + language + ".json";
        try (InputStream in = LanguageRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing language rules " + resource);
            }
            return compile(resource, JSON.readValue(in, RuleFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LanguageRules compile(String resource, RuleFile file) {
        Objects.requireNonNull(file.rules(), resource + ": no rules");
        Objects.requireNonNull(file.tryHarderAdvice(), resource + ": no tryHarderAdvice");
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec spec : file.rules()) {
            String where = resource + " rule " + spec.id();
            require(spec.id() != null && !spec.id().isBlank(), resource + ": a rule has no id");
            require(spec.category() != null, where + ": no category");
            require(!blank(spec.explanation()), where + ": no explanation");
            require(!blank(spec.prompt()), where + ": no prompt");
            List<String> alternatives = new ArrayList<>();
            if (spec.phrases() != null) {
                spec.phrases().stream().map(LanguageRules::phraseRegex).forEach(alternatives::add);
            }
            if (!blank(spec.regex())) {
                alternatives.add(spec.regex());
            }
            require(!alternatives.isEmpty(), where + ": neither phrases nor regex");
            // Longest alternatives first, so a phrase that extends another wins at the same position.
            alternatives.sort((a, b) -> b.length() - a.length());
            String body = String.join(
                    "|", alternatives.stream().map(a -> "(?:" + a + ")").toList());
            Pattern pattern;
            try {
                pattern = Pattern.compile(BOUNDARY + "(?:" + body + ")" + BOUNDARY, FLAGS);
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
            rules.add(new Rule(
                    spec.id(),
                    spec.category(),
                    pattern,
                    spec.explanation(),
                    spec.prompt(),
                    spec.examples() == null ? List.of() : List.copyOf(spec.examples()),
                    spec.nonExamples() == null ? List.of() : List.copyOf(spec.nonExamples())));
        }
        return new LanguageRules(file.language(), file.tryHarderAdvice(), List.copyOf(rules));
    }

    /** A literal phrase as a regex: flexible white space, both apostrophes, optional hyphens. */
    static String phraseRegex(String phrase) {
        StringBuilder regex = new StringBuilder();
        String[] words = phrase.strip().split("\\s+");
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                regex.append("\\s+");
            }
            words[w].codePoints().forEach(c -> {
                switch (c) {
                    case '\'', '’', 'ʼ' -> regex.append("['’ʼ]");
                    case '-', '‐', '‑' -> regex.append("[-‐‑\\s]?");
                    default ->
                        regex.append(
                                Character.isLetterOrDigit(c)
                                        ? Character.toString(c)
                                        : Pattern.quote(Character.toString(c)));
                }
            });
        }
        return regex.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
