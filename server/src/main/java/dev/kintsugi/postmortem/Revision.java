package dev.kintsugi.postmortem;

import java.time.Instant;

/** One saved state of a post-mortem's content. Published revisions are the ones readers saw. */
public record Revision(int number, String author, Instant createdAt, boolean published) {}
