package dev.kintsugi.postmortem;

import java.time.Instant;

/** A post-mortem draft was started (revision 1), for an incident or on its own, with its first content. */
public record PostmortemDrafted(PostmortemRefs refs, Origin origin, PostmortemContent content, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
