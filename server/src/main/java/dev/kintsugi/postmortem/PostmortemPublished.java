package dev.kintsugi.postmortem;

import java.time.Instant;

/** A post-mortem was published: {@code revision} is what readers see; search and insights index it. */
public record PostmortemPublished(
        PostmortemRefs refs, int revision, PostmortemContent content, String by, Instant publishedAt) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
