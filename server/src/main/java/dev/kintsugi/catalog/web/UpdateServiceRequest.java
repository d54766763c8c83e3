package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.Tier;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a service: absent (null) fields stay as they are; an empty string clears an optional field (a
 * link, the description). A new {@code name} renames the service.
 */
record UpdateServiceRequest(
        @Pattern(regexp = CatalogConstraints.SLUG, message = CatalogConstraints.SLUG_MESSAGE)
        String name,

        @Size(max = 128) String displayName,
        @Size(max = 4000) String description,
        Tier tier,
        @Size(max = 64) String ownerTeam,

        @Size(max = 500) @Pattern(regexp = CatalogConstraints.HTTP_URL, message = CatalogConstraints.HTTP_URL_MESSAGE)
        String runbookUrl,

        @Size(max = 500) @Pattern(regexp = CatalogConstraints.HTTP_URL, message = CatalogConstraints.HTTP_URL_MESSAGE)
        String dashboardUrl,

        @Size(max = 500) @Pattern(regexp = CatalogConstraints.HTTP_URL, message = CatalogConstraints.HTTP_URL_MESSAGE)
        String repositoryUrl) {

    ServiceDraft toDraft() {
        return new ServiceDraft(
                name, displayName, description, tier, ownerTeam, runbookUrl, dashboardUrl, repositoryUrl);
    }
}
