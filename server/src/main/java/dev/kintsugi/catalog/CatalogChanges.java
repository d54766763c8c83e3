package dev.kintsugi.catalog;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Which fields of a team or service differ between two versions, named as the events name them. */
final class CatalogChanges {
    private CatalogChanges() {}

    static Set<String> of(Team before, Team after) {
        Set<String> changed = new LinkedHashSet<>();
        diff(changed, "name", before.name(), after.name());
        diff(changed, "displayName", before.displayName(), after.displayName());
        diff(changed, "description", before.description(), after.description());
        diff(changed, "contactChannel", before.contactChannel(), after.contactChannel());
        diff(changed, "members", Set.copyOf(before.members()), Set.copyOf(after.members()));
        return changed;
    }

    static Set<String> of(CatalogService before, CatalogService after) {
        Set<String> changed = new LinkedHashSet<>();
        diff(changed, "name", before.name(), after.name());
        diff(changed, "displayName", before.displayName(), after.displayName());
        diff(changed, "description", before.description(), after.description());
        diff(changed, "tier", before.tier(), after.tier());
        diff(changed, "ownerTeam", before.ownerTeamId(), after.ownerTeamId());
        diff(changed, "runbookUrl", before.runbookUrl(), after.runbookUrl());
        diff(changed, "dashboardUrl", before.dashboardUrl(), after.dashboardUrl());
        diff(changed, "repositoryUrl", before.repositoryUrl(), after.repositoryUrl());
        return changed;
    }

    private static void diff(Set<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
