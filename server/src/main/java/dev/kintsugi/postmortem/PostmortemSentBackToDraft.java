package dev.kintsugi.postmortem;

import java.time.Instant;

/** A post-mortem in review went back to draft for more work. */
public record PostmortemSentBackToDraft(PostmortemRefs refs, int revision, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
