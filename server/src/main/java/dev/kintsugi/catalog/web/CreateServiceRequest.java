package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.Tier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new service. {@code ownerTeam} names an existing team; {@code displayName} defaults to the name. */
record CreateServiceRequest(
        @Schema(example = "checkout-api")
        @NotBlank
        @Pattern(regexp = CatalogConstraints.SLUG, message = CatalogConstraints.SLUG_MESSAGE)
        String name,

        @Schema(example = "Checkout API") @Size(max = 128) String displayName,
        @Schema(description = "Markdown") @Size(max = 4000) String description,
        @NotNull Tier tier,

        @Schema(example = "payments") @NotBlank @Size(max = 64)
        String ownerTeam,

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
