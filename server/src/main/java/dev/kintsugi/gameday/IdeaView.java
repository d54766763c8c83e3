package dev.kintsugi.gameday;

import java.time.Instant;

/** A scenario idea of the backlog, its votes, and whether the reader voted. */
public record IdeaView(
        long id, String title, String description, String proposedBy, Instant proposedAt, int votes, boolean mine) {}
