package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.TeamDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new team. {@code members} are usernames of existing users. */
record CreateTeamRequest(
        @Schema(example = "payments")
        @NotBlank
        @Pattern(regexp = CatalogConstraints.SLUG, message = CatalogConstraints.SLUG_MESSAGE)
        String name,

        @Schema(example = "Payments squad") @NotBlank @Size(max = 128)
        String displayName,

        @Size(max = 2000) String description,

        @Schema(example = "#payments-oncall") @Size(max = 200)
        String contactChannel,

        @Size(max = 200) List<@NotBlank @Size(max = 64) String> members) {

    TeamDraft toDraft() {
        return new TeamDraft(name, displayName, description, contactChannel, members);
    }
}
