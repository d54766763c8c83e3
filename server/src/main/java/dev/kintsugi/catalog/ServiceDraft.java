package dev.kintsugi.catalog;

/** What a person fills in to create or change a service. The owner team is named by its slug. */
public record ServiceDraft(
        String name,
        String displayName,
        String description,
        Tier tier,
        String ownerTeam,
        String runbookUrl,
        String dashboardUrl,
        String repositoryUrl) {}
