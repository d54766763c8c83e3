package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Tier;
import java.time.Instant;

/** A service as the API shows it: named by its slug, its owner team by the team's name. */
record ServiceResponse(
        String name,
        String displayName,
        String description,
        Tier tier,
        String tierDescription,
        String ownerTeam,
        String runbookUrl,
        String dashboardUrl,
        String repositoryUrl,
        Instant createdAt,
        long version) {

    static ServiceResponse of(CatalogService s) {
        return new ServiceResponse(
                s.name(),
                s.displayName(),
                s.description(),
                s.tier(),
                s.tier().description(),
                s.ownerTeamName(),
                s.runbookUrl(),
                s.dashboardUrl(),
                s.repositoryUrl(),
                s.createdAt(),
                s.version());
    }
}
