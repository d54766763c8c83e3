package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/** Someone saved new content: revision {@code revision}, with the names of the fields that changed. */
public record PostmortemRevised(
        PostmortemRefs refs,
        int revision,
        PostmortemStatus status,
        List<String> changedFields,
        PostmortemContent content,
        String by,
        Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
