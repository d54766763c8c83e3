package dev.kintsugi.catalog;

import java.time.Instant;
import java.util.List;

/** A team was added to the catalog, with its members (usernames). */
public record TeamCreated(
        long teamId,
        String name,
        String displayName,
        String description,
        String contactChannel,
        List<String> members,
        Instant at) {}
