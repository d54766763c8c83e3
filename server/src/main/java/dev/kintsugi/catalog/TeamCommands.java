package dev.kintsugi.catalog;

import static dev.kintsugi.catalog.CatalogInput.optional;
import static dev.kintsugi.catalog.CatalogInput.required;
import static dev.kintsugi.catalog.CatalogInput.slug;
import static dev.kintsugi.catalog.CatalogInput.unique;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;

/** Creating, changing and archiving teams, for {@link CatalogManagement} (in its transaction). */
final class TeamCommands extends CatalogCommands {
    TeamCommands(
            CatalogRepository repo, CatalogInput input, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        super(repo, input, audit, events, clock);
    }

    Team create(TeamDraft d) {
        String name = slug(d.name(), "name");
        String displayName = required(d.displayName(), "displayName", 128);
        List<String> members = input.members(d.members());
        input.ensureTeamNameFree(name);
        Instant now = clock.instant();
        long id = unique(
                () -> repo.insertTeam(
                        name,
                        displayName,
                        optional(d.description(), "description", 2000),
                        optional(d.contactChannel(), "contactChannel", 200),
                        now),
                "team",
                name);
        repo.replaceMembers(id, members);
        Team team = repo.findTeam(id).orElseThrow();
        audit.record("team.created", "team", name, "Created team " + name, null, team);
        events.publishEvent(new TeamCreated(
                id, name, team.displayName(), team.description(), team.contactChannel(), team.members(), now));
        return team;
    }

    Team update(Team before, TeamDraft d, Long expectedVersion) {
        Versions.require(expectedVersion, before.version(), "Team '" + before.name() + "'");
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name())) {
            input.ensureTeamNameFree(name);
        }
        String displayName =
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128);
        String description =
                d.description() == null ? before.description() : optional(d.description(), "description", 2000);
        String contact = d.contactChannel() == null
                ? before.contactChannel()
                : optional(d.contactChannel(), "contactChannel", 200);
        List<String> members = d.members() == null ? before.members() : input.members(d.members());
        unique(
                () -> {
                    CatalogInput.requireSaved(
                            repo.updateTeam(before.id(), before.version(), name, displayName, description, contact),
                            "Team '" + before.name() + "'");
                    return before.id();
                },
                "team",
                name);
        repo.replaceMembers(before.id(), members);
        Team after = repo.findTeam(before.id()).orElseThrow();
        audit.record("team.updated", "team", after.name(), "Updated team " + after.name(), before, after);
        Set<String> changed = CatalogChanges.of(before, after);
        if (!changed.isEmpty()) {
            events.publishEvent(new TeamUpdated(
                    after.id(),
                    changed,
                    after.name(),
                    after.displayName(),
                    after.description(),
                    after.contactChannel(),
                    after.members(),
                    clock.instant()));
        }
        return after;
    }

    void archive(Team team, List<CatalogService> owned) {
        String name = team.name();
        if (!owned.isEmpty()) {
            throw new ConflictException(
                    "catalog.conflict.teamOwns",
                    "Team '" + name + "' still owns " + owned.size() + " service(s); give them another owner first",
                    Map.of("services", owned.stream().map(CatalogService::name).toList()),
                    name,
                    owned.size());
        }
        Instant now = clock.instant();
        repo.archiveTeam(team.id(), now);
        audit.record("team.deleted", "team", name, "Deleted team " + name, team, null);
        events.publishEvent(new TeamArchived(team.id(), team.name(), now));
    }
}
