package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/**
 * One post-mortem as the library, the feed and the digest show it: the published revision's title and summary
 * (for drafts, the current ones), with an excerpt of the summary in plain text.
 */
public record LibraryEntry(
        long id,
        Long incidentId,
        String incidentKey,
        String title,
        String severity,
        PostmortemStatus status,
        List<String> services,
        List<String> tags,
        Instant publishedAt,
        Instant updatedAt,
        String summary,
        String excerpt) {

    public String key() {
        return "PM-" + id;
    }
}
