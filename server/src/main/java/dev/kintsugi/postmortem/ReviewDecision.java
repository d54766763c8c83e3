package dev.kintsugi.postmortem;

import java.time.Instant;

/** A reviewer's decision on one revision of a post-mortem in review, with their comment. */
public record ReviewDecision(long id, int revision, String reviewer, Kind decision, String comment, Instant decidedAt) {
    public enum Kind {
        APPROVED,
        CHANGES_REQUESTED
    }
}
