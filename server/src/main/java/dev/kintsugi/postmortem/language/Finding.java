package dev.kintsugi.postmortem.language;

/**
 * One passage of a text that the language check flags.
 *
 * @param start offset of the first character of the match in the checked text (UTF-16 index, as in Java and
 *     JavaScript strings, so the UI can highlight {@code text.substring(start, end)})
 * @param end offset just after the last character of the match
 * @param match the matched passage, exactly as written
 * @param ruleId the id of the rule in the language's rule file, e.g. {@code en.counterfactual.should-have}
 * @param category what kind of wording it is
 * @param explanation why the wording is a problem, in the language checked
 * @param prompt a reframing question to answer instead, in the language checked
 */
public record Finding(
        int start, int end, String match, String ruleId, Category category, String explanation, String prompt) {

    /** What kind of wording a finding is. */
    public enum Category {
        /** Hindsight: "should have", "could have", "aurait dû"... */
        COUNTERFACTUAL,
        /** A person or their character is made the cause: "human error", "X's fault", "négligence"... */
        BLAME,
        /** A countermeasure that only asks people to try harder: "be more careful", "faire plus attention"... */
        TRY_HARDER
    }
}
