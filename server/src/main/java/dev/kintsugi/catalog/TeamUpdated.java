package dev.kintsugi.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A team changed. {@code changed} names the fields that changed ({@code name}, {@code displayName},
 * {@code description}, {@code contactChannel}, {@code members}); the other components are the values after it.
 */
public record TeamUpdated(
        long teamId,
        Set<String> changed,
        String name,
        String displayName,
        String description,
        String contactChannel,
        List<String> members,
        Instant at) {}
