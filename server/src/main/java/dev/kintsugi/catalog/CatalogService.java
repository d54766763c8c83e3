package dev.kintsugi.catalog;

import java.time.Instant;

/**
 * A service (component) in the catalog. {@code name} is its unique slug ({@code checkout-api}); the owner team
 * is given by id and name. {@code version} grows with every change. (Named CatalogService so it never clashes with Spring's
 * {@code @Service}.)
 */
public record CatalogService(
        long id,
        String name,
        String displayName,
        String description,
        Tier tier,
        long ownerTeamId,
        String ownerTeamName,
        String runbookUrl,
        String dashboardUrl,
        String repositoryUrl,
        Instant createdAt,
        long version) {}
