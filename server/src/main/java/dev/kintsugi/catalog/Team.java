package dev.kintsugi.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A team (squad): owns services, is reached through its contact channel. {@code name} is its unique slug;
 * {@code version} grows with every change (see {@link dev.kintsugi.platform.Versions}).
 */
public record Team(
        long id,
        String name,
        String displayName,
        String description,
        String contactChannel,
        List<String> members,
        Instant createdAt,
        long version) {}
