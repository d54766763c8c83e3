package dev.kintsugi.postmortem;

import java.time.Instant;

/** A reviewer approved a revision of a post-mortem, or requested changes (it went back to draft). */
public record PostmortemReviewed(
        PostmortemRefs refs, int revision, ReviewDecision.Kind decision, String comment, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
