package dev.kintsugi.postmortem;

import java.util.Optional;

/**
 * Refuses countermeasures that only ask people to try harder ("be more careful"): they change nothing in the
 * system, so the same failure will happen again. Answers the explanation to show, or empty when the title is a
 * real countermeasure. Backed by the language check's rule files ({@link RuleBasedTryHarderCheck}).
 */
public interface TryHarderCheck {
    Optional<String> refusal(String title);
}
