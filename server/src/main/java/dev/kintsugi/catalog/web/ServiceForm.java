package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.InvalidInputException;
import java.util.Locale;

/** The service form's fields as typed, so a refused form comes back with the values kept. */
public class ServiceForm {
    private String name;
    private String displayName;
    private String description;
    private String tier;
    private String ownerTeam;
    private String runbookUrl;
    private String dashboardUrl;
    private String repositoryUrl;

    static ServiceForm of(CatalogService s) {
        ServiceForm f = new ServiceForm();
        f.name = s.name();
        f.displayName = s.displayName();
        f.description = s.description();
        f.tier = s.tier().name();
        f.ownerTeam = s.ownerTeamName();
        f.runbookUrl = s.runbookUrl();
        f.dashboardUrl = s.dashboardUrl();
        f.repositoryUrl = s.repositoryUrl();
        return f;
    }

    /** Every field is sent, so on a change an emptied box clears that value. */
    ServiceDraft toDraft() {
        return new ServiceDraft(
                name,
                displayName,
                blankToEmpty(description),
                tier(),
                blankToEmpty(ownerTeam),
                blankToEmpty(runbookUrl),
                blankToEmpty(dashboardUrl),
                blankToEmpty(repositoryUrl));
    }

    private Tier tier() {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "tier",
                    "validation.oneOf",
                    "must be one of TIER_1, TIER_2, TIER_3, TIER_4",
                    "TIER_1, TIER_2, TIER_3, TIER_4");
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = tier;
    }

    public String getOwnerTeam() {
        return ownerTeam;
    }

    public void setOwnerTeam(String ownerTeam) {
        this.ownerTeam = ownerTeam;
    }

    public String getRunbookUrl() {
        return runbookUrl;
    }

    public void setRunbookUrl(String runbookUrl) {
        this.runbookUrl = runbookUrl;
    }

    public String getDashboardUrl() {
        return dashboardUrl;
    }

    public void setDashboardUrl(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }
}
