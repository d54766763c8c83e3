package dev.kintsugi.postmortem;

import java.time.Instant;

/** A reviewer's comment, optionally about one field. */
public record Comment(long id, String author, String field, String body, Instant createdAt) {}
