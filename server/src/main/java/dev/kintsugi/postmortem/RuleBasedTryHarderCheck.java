package dev.kintsugi.postmortem;

import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The try-harder refusal backed by the language check's rule files (English and French): the explanation comes
 * in the reader's language, with examples of real countermeasures.
 */
@Component
class RuleBasedTryHarderCheck implements TryHarderCheck {
    private final BlamelessReview review;
    private final MessageSource messages;

    RuleBasedTryHarderCheck(BlamelessReview review, MessageSource messages) {
        this.review = review;
        this.messages = messages;
    }

    /** The refusal in the reader's language (the finding's explanation already is). */
    @Override
    public Optional<String> refusal(String title) {
        return review.tryHarder(title)
                .map(f -> messages.getMessage(
                        "cm.validation.tryHarder",
                        new Object[] {f.match(), f.explanation()},
                        LocaleContextHolder.getLocale()));
    }
}
