package dev.kintsugi.postmortem;

import dev.kintsugi.postmortem.language.Finding;
import dev.kintsugi.postmortem.language.LanguageCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Runs the language check over every text a post-mortem holds, in English and French (teams write in either,
 * sometimes both in one document). A passage flagged by both languages' rules is reported once.
 */
@Component
public class BlamelessReview {
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final LanguageCheck check;

    BlamelessReview(LanguageCheck check) {
        this.check = check;
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
        for (Finding f : all) {
            if (f.start() >= coveredUntil) {
                result.add(f);
                coveredUntil = f.end();
            }
        }
        return result;
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
                return f;
            }
        }
        return java.util.Optional.empty();
    }
}
