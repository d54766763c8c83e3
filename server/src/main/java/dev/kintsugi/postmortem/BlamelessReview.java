package dev.kintsugi.postmortem;

import dev.kintsugi.postmortem.language.Finding;
import dev.kintsugi.postmortem.language.LanguageCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs the language check over every text a post-mortem holds, in English and French (teams write in either,
 * sometimes both in one document). A passage flagged by both languages' rules is reported once. A finding's
 * explanation and prompt are in the reader's language (the interface's, {@link LocaleContextHolder}), whatever
 * the text's: a rule's own words when it is of the reader's language, else its category's words from the bundle.
 */
@Component
public class BlamelessReview {
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final LanguageCheck check;
    private final MessageSource messages;

    BlamelessReview(LanguageCheck check, MessageSource messages) {
        this.check = check;
        this.messages = messages;
    }

    /** Findings in one text, both languages, ordered by position, overlapping duplicates removed. */
    public List<Finding> check(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Finding> all = new ArrayList<>();
        for (Locale language : LANGUAGES) {
            all.addAll(check.check(text, language));
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -(f.end() - f.start())));
        List<Finding> result = new ArrayList<>();
        int coveredUntil = -1;
        Locale reader = LocaleContextHolder.getLocale();
        for (Finding f : all) {
            if (f.start() >= coveredUntil) {
                result.add(inLanguageOf(f, reader, false));
                coveredUntil = f.end();
            }
        }
        return result;
    }

    /** The finding with its explanation and prompt in {@code reader}'s language. */
    private Finding inLanguageOf(Finding f, Locale reader, boolean withAdvice) {
        if (LanguageCheck.languageOf(f).equals(reader.getLanguage())) {
            return f;
        }
        String explanation =
                messages.getMessage("postmortem.finding.explanation." + f.category(), null, f.explanation(), reader);
        if (withAdvice) {
            explanation = explanation + " " + check.tryHarderAdvice(reader);
        }
        String prompt = messages.getMessage("postmortem.finding.prompt." + f.category(), null, f.prompt(), reader);
        return new Finding(f.start(), f.end(), f.match(), f.ruleId(), f.category(), explanation, prompt);
    }

    public List<FieldFinding> check(PostmortemContent content) {
        List<FieldFinding> findings = new ArrayList<>();
        for (Map.Entry<String, String> field : content.textFields().entrySet()) {
            for (Finding f : check(field.getValue())) {
                findings.add(FieldFinding.of(field.getKey(), f));
            }
        }
        return findings;
    }

    /** Why a countermeasure title only asks people to try harder, if it does (in either language). */
    public java.util.Optional<Finding> tryHarder(String title) {
        if (title == null) {
            return java.util.Optional.empty();
        }
        for (Locale language : LANGUAGES) {
            var f = check.tryHarderCountermeasure(title, language);
            if (f.isPresent()) {
                return f.map(found -> inLanguageOf(found, LocaleContextHolder.getLocale(), true));
            }
        }
        return java.util.Optional.empty();
    }
}
