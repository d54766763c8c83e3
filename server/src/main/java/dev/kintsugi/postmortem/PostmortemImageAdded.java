package dev.kintsugi.postmortem;

import java.time.Instant;

/** An image (re-encoded by the server) was attached to a post-mortem. */
public record PostmortemImageAdded(
        PostmortemRefs refs, long imageId, String filename, String contentType, int sizeBytes, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
