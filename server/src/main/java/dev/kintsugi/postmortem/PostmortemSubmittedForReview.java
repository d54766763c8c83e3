package dev.kintsugi.postmortem;

import java.time.Instant;

/**
 * A draft went to review at {@code revision}. {@code openFindings} language findings were still open; then
 * {@code overrideReason} is the facilitator's written reason for going ahead (null when none were open).
 */
public record PostmortemSubmittedForReview(
        PostmortemRefs refs, int revision, int openFindings, String overrideReason, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
