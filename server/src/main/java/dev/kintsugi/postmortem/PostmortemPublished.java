package dev.kintsugi.postmortem;

import java.time.Instant;

/** A post-mortem was published (or a new revision of it was): search and insights index it. */
public record PostmortemPublished(
        long postmortemId, Long incidentId, String title, int revision, Instant publishedAt) {}
