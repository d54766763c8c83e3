package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.TeamDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A change to a team: absent (null) fields stay as they are; an empty string clears an optional field;
 * {@code members}, when given, replaces the whole list. A new {@code name} renames the team.
 */
record UpdateTeamRequest(
        @Pattern(regexp = CatalogConstraints.SLUG, message = CatalogConstraints.SLUG_MESSAGE)
        String name,

        @Size(max = 128) String displayName,
        @Size(max = 2000) String description,
        @Size(max = 200) String contactChannel,
        @Size(max = 200) List<@NotBlank @Size(max = 64) String> members) {

    TeamDraft toDraft() {
        return new TeamDraft(name, displayName, description, contactChannel, members);
    }
}
