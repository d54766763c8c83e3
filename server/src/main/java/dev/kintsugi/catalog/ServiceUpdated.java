package dev.kintsugi.catalog;

import java.time.Instant;
import java.util.Set;

/**
 * A service changed. {@code changed} names the fields that changed ({@code name}, {@code displayName},
 * {@code description}, {@code tier}, {@code ownerTeam}, {@code runbookUrl}, {@code dashboardUrl},
 * {@code repositoryUrl}); the other components are the values after the change. A change of owner also raises
 * {@link ServiceOwnershipChanged}.
 */
public record ServiceUpdated(
        long serviceId,
        Set<String> changed,
        String name,
        String displayName,
        String description,
        Tier tier,
        long ownerTeamId,
        String runbookUrl,
        String dashboardUrl,
        String repositoryUrl,
        Instant at) {}
