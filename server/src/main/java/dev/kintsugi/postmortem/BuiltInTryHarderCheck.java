package dev.kintsugi.postmortem;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A minimal list of "try harder" phrases (English and French). Replaced by an adapter over the language
 * check's rule files once that is merged: replace this class by a {@link TryHarderCheck} bean that calls
 * {@code LanguageCheck.tryHarderCountermeasure(title, locale)}.
 */
@Component
class BuiltInTryHarderCheck implements TryHarderCheck {
    private static final List<String> PHRASES = List.of(
            "be more careful",
            "more careful",
            "pay more attention",
            "double-check",
            "double check",
            "be vigilant",
            "be more vigilant",
            "try harder",
            "faire plus attention",
            "etre plus vigilant",
            "plus vigilant",
            "plus vigilants");

    @Override
    public Optional<String> refusal(String title) {
        if (title == null) {
            return Optional.empty();
        }
        String t = normalise(title);
        for (String phrase : PHRASES) {
            if (t.contains(phrase)) {
                return Optional.of("\"" + phrase + "\" only asks people to try harder; it changes nothing in the"
                        + " system, so the same failure can happen again. Name a change that makes the mistake"
                        + " hard to make or quick to notice. " + EXAMPLES);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return n.replaceAll("[\\s\\u00a0]+", " ");
    }
}
