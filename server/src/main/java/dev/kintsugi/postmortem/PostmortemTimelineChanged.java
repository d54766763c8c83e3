package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/**
 * The post-mortem's own timeline changed: entries added (one, or many by a chat import), edited or removed.
 * {@code entries} are the entries as they are now (as they were, for a removal).
 */
public record PostmortemTimelineChanged(
        PostmortemRefs refs, Change change, List<TimelineItem> entries, String by, Instant at) {
    public enum Change {
        ADDED,
        IMPORTED,
        EDITED,
        REMOVED
    }

    public PostmortemTimelineChanged {
        entries = List.copyOf(entries);
    }

    public long postmortemId() {
        return refs.postmortemId();
    }
}
