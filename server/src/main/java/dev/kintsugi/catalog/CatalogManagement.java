package dev.kintsugi.catalog;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's entry point: teams and services. Names are unique slugs; a service's owner team must exist;
 * members must be known users. Deleting archives (history that refers to a service keeps its name), and a
 * team that still owns services cannot be deleted. Every change is audited and raises an event
 * ({@link TeamCreated}, {@link ServiceUpdated}, ...). Changes taking an {@code expectedVersion} refuse with 412
 * when the team or service moved on since the client read it; concurrent changes never overwrite one another (409).
 */
@Service
@Transactional
public class CatalogManagement {
    private final CatalogRepository repo;
    private final CatalogInput input;
    private final TeamCommands teams;
    private final ServiceCommands services;

    CatalogManagement(
            CatalogRepository repo,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.input = new CatalogInput(repo, users);
        this.teams = new TeamCommands(repo, input, audit, events, clock);
        this.services = new ServiceCommands(repo, input, audit, events, clock);
    }

    // ---- teams ----

    public Team createTeam(TeamDraft d) {
        return teams.create(d);
    }

    public Team updateTeam(String currentName, TeamDraft d) {
        return updateTeam(currentName, d, null);
    }

    public Team updateTeam(String currentName, TeamDraft d, Long expectedVersion) {
        return teams.update(team(currentName), d, expectedVersion);
    }

    /** Archives a team; refused (409, naming them) while it still owns services; null expects no version. */
    public void deleteTeam(String name, Long expectedVersion) {
        Team team = team(name);
        Versions.require(expectedVersion, team.version(), "Team '" + team.name() + "'");
        teams.archive(team, servicesOwnedBy(team.id()));
    }

    @Transactional(readOnly = true)
    public List<Team> teams() {
        return repo.findTeams();
    }

    @Transactional(readOnly = true)
    public Optional<Team> findTeam(String name) {
        return name == null
                ? Optional.empty()
                : repo.teamIdByName(name.trim().toLowerCase(Locale.ROOT)).flatMap(repo::findTeam);
    }

    @Transactional(readOnly = true)
    public Optional<Team> findTeam(long id) {
        return repo.findTeam(id);
    }

    @Transactional(readOnly = true)
    public Team team(String name) {
        return findTeam(name).orElseThrow(() -> new NotFoundException("Team", name));
    }

    /** Teams a person belongs to. */
    @Transactional(readOnly = true)
    public List<Team> teamsOf(String username) {
        return repo.findTeams().stream()
                .filter(t -> t.members().contains(username))
                .toList();
    }

    // ---- services ----

    public CatalogService createService(ServiceDraft d) {
        return services.create(d);
    }

    public CatalogService updateService(String currentName, ServiceDraft d) {
        return updateService(currentName, d, null);
    }

    public CatalogService updateService(String currentName, ServiceDraft d, Long expectedVersion) {
        return services.update(service(currentName), d, expectedVersion);
    }

    /** Archives a service (null expects no version). */
    public void deleteService(String name, Long expectedVersion) {
        services.archive(service(name), name, expectedVersion);
    }

    @Transactional(readOnly = true)
    public List<CatalogService> services() {
        return repo.findServices();
    }

    /**
     * Live services matching every given criterion (null or blank means any): owner team name, tier, and text
     * found case-insensitively in the name, display name or description.
     */
    @Transactional(readOnly = true)
    public List<CatalogService> searchServices(String team, Tier tier, String text) {
        String t = team == null || team.isBlank() ? null : team.trim().toLowerCase(Locale.ROOT);
        String q = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        return repo.findServices().stream()
                .filter(s -> t == null || s.ownerTeamName().equals(t))
                .filter(s -> tier == null || s.tier() == tier)
                .filter(s -> q == null
                        || contains(s.name(), q)
                        || contains(s.displayName(), q)
                        || contains(s.description(), q))
                .toList();
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    @Transactional(readOnly = true)
    public Optional<CatalogService> findService(String name) {
        return name == null
                ? Optional.empty()
                : repo.serviceIdByName(name.trim().toLowerCase(Locale.ROOT)).flatMap(repo::findService);
    }

    /** Any service by id, archived ones included: history keeps pointing at them. */
    @Transactional(readOnly = true)
    public Optional<CatalogService> findService(long id) {
        return repo.findServiceIncludingArchived(id);
    }

    @Transactional(readOnly = true)
    public CatalogService service(String name) {
        return findService(name).orElseThrow(() -> new NotFoundException("Service", name));
    }

    /** Services by id (archived included), in the order of the ids given; unknown ids are skipped. */
    @Transactional(readOnly = true)
    public List<CatalogService> servicesById(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .map(repo::findServiceIncludingArchived)
                .flatMap(Optional::stream)
                .toList();
    }

    /** The teams owning these services now (archived services included), for events that name their teams. */
    @Transactional(readOnly = true)
    public Set<Long> owningTeamIds(Collection<Long> serviceIds) {
        return servicesById(serviceIds).stream()
                .map(CatalogService::ownerTeamId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Transactional(readOnly = true)
    public List<CatalogService> servicesOwnedBy(long teamId) {
        return repo.findServices().stream()
                .filter(s -> s.ownerTeamId() == teamId)
                .toList();
    }
}
