package dev.kintsugi.postmortem;

import java.time.Instant;

/**
 * Filters of the post-mortem library; null means "any". {@code team} matches post-mortems of services the team
 * owns; {@code from}/{@code to} bound the publication time (drafts: the last change). {@code status} defaults to
 * {@link PostmortemStatus#PUBLISHED}; other statuses are for responders. {@code text} finds the words in the
 * title or any written field (a simple database search, case-insensitive; the search module will replace it).
 */
public record LibraryQuery(
        String service,
        String team,
        String severity,
        String tag,
        Instant from,
        Instant to,
        PostmortemStatus status,
        String text) {

    public static LibraryQuery published() {
        return new LibraryQuery(null, null, null, null, null, null, PostmortemStatus.PUBLISHED, null);
    }
}
