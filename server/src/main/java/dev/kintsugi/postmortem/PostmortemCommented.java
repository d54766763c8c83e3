package dev.kintsugi.postmortem;

/** A reviewer commented on a post-mortem (optionally on one field). */
public record PostmortemCommented(PostmortemRefs refs, Comment comment) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
