package dev.kintsugi.search;

import java.time.Instant;

/**
 * Where the last (or current) rebuild of the index is: documents done out of about {@code total} (the modules'
 * counts when it started), when it started and finished, and why it failed, if it did.
 */
public record RebuildProgress(
        boolean running, long done, long total, Instant startedAt, Instant finishedAt, String reason, String error) {
    static final RebuildProgress NEVER = new RebuildProgress(false, 0, 0, null, null, null, null);

    /** Percent done, 0–100 (100 when there was nothing to do). */
    @com.fasterxml.jackson.annotation.JsonProperty("percent")
    public int percent() {
        if (total <= 0) {
            return running ? 0 : 100;
        }
        return (int) Math.min(100, done * 100 / total);
    }
}
