package dev.kintsugi.postmortem;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The try-harder refusal backed by the language check's rule files (English and French): the explanation comes
 * in the language of the wording that was caught, with examples of real countermeasures.
 */
@Component
class RuleBasedTryHarderCheck implements TryHarderCheck {
    private final BlamelessReview review;

    RuleBasedTryHarderCheck(BlamelessReview review) {
        this.review = review;
    }

    @Override
    public Optional<String> refusal(String title) {
        return review.tryHarder(title)
                .map(f -> "'" + f.match() + "' only asks people to try harder, which changes nothing in the system. "
                        + f.explanation());
    }
}
