package dev.kintsugi.catalog;

import java.time.Instant;

/** A service was added to the catalog, owned by {@code ownerTeamId}. */
public record ServiceCreated(
        long serviceId,
        String name,
        String displayName,
        String description,
        Tier tier,
        long ownerTeamId,
        String runbookUrl,
        String dashboardUrl,
        String repositoryUrl,
        Instant at) {}
