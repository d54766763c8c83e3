package dev.kintsugi.postmortem;

import java.util.Optional;

/**
 * Refuses countermeasures that only ask people to try harder ("be more careful"): they change nothing in the
 * system, so the same failure will happen again. Answers the explanation to show, or empty when the title is a
 * real countermeasure. The built-in implementation is a stop-gap until the language check's rules
 * ({@code LanguageCheck.tryHarderCountermeasure}) back it.
 */
public interface TryHarderCheck {
    Optional<String> refusal(String title);

    /** Shown with every refusal, so people see what a real countermeasure looks like. */
    String EXAMPLES = "Examples of real countermeasures: an automated test that fails the build on the bad"
            + " configuration; an alert on the queue depth that fired too late; a peer-review rule for schema"
            + " changes; a rehearsal (experiment or game day) of the failover; a runbook step for the manual"
            + " recovery.";
}
