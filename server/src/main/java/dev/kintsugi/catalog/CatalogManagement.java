package dev.kintsugi.catalog;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's entry point: teams and services. Names are unique slugs; a service's owner team must exist;
 * members must be known users. Deleting archives (history that refers to a service keeps its name), and a
 * team that still owns services cannot be deleted. Every change is audited.
 */
@Service
@Transactional
public class CatalogManagement {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final CatalogRepository repo;
    private final UserManagement users;
    private final AuditLog audit;
    private final Clock clock;

    CatalogManagement(CatalogRepository repo, UserManagement users, AuditLog audit, Clock clock) {
        this.repo = repo;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- teams ----

    public Team createTeam(TeamDraft d) {
        String name = slug(d.name(), "name");
        String displayName = required(d.displayName(), "displayName", 128);
        List<String> members = members(d.members());
        if (repo.teamIdByName(name).isPresent()) {
            throw new ConflictException("A team named '" + name + "' already exists");
        }
        long id = repo.insertTeam(
                name,
                displayName,
                optional(d.description(), "description", 2000),
                optional(d.contactChannel(), "contactChannel", 200),
                clock.instant());
        repo.replaceMembers(id, members);
        Team team = repo.findTeam(id).orElseThrow();
        audit.record("team.created", "team", name, "Created team " + name, null, team);
        return team;
    }

    public Team updateTeam(String currentName, TeamDraft d) {
        Team before = team(currentName);
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name()) && repo.teamIdByName(name).isPresent()) {
            throw new ConflictException("A team named '" + name + "' already exists");
        }
        String displayName =
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128);
        String description =
                d.description() == null ? before.description() : optional(d.description(), "description", 2000);
        String contact = d.contactChannel() == null
                ? before.contactChannel()
                : optional(d.contactChannel(), "contactChannel", 200);
        List<String> members = d.members() == null ? before.members() : members(d.members());
        repo.updateTeam(before.id(), name, displayName, description, contact);
        repo.replaceMembers(before.id(), members);
        Team after = repo.findTeam(before.id()).orElseThrow();
        audit.record("team.updated", "team", after.name(), "Updated team " + after.name(), before, after);
        return after;
    }

    public void deleteTeam(String name) {
        Team team = team(name);
        List<CatalogService> owned = servicesOwnedBy(team.id());
        if (!owned.isEmpty()) {
            throw new ConflictException(
                    "Team '" + name + "' still owns " + owned.size() + " service(s); give them another owner first",
                    java.util.Map.of(
                            "services", owned.stream().map(CatalogService::name).toList()));
        }
        repo.archiveTeam(team.id(), clock.instant());
        audit.record("team.deleted", "team", name, "Deleted team " + name, team, null);
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
        String name = slug(d.name(), "name");
        String displayName = d.displayName() == null || d.displayName().isBlank()
                ? name
                : required(d.displayName(), "displayName", 128);
        if (d.tier() == null) {
            throw new InvalidInputException("tier", "must be one of TIER_1, TIER_2, TIER_3, TIER_4");
        }
        long owner = ownerTeamId(d.ownerTeam());
        if (repo.serviceIdByName(name).isPresent()) {
            throw new ConflictException("A service named '" + name + "' already exists");
        }
        long id = repo.insertService(
                name,
                displayName,
                optional(d.description(), "description", 4000),
                d.tier(),
                owner,
                url(d.runbookUrl(), "runbookUrl"),
                url(d.dashboardUrl(), "dashboardUrl"),
                url(d.repositoryUrl(), "repositoryUrl"),
                clock.instant());
        CatalogService service = repo.findService(id).orElseThrow();
        audit.record("service.created", "service", name, "Created service " + name, null, service);
        return service;
    }

    public CatalogService updateService(String currentName, ServiceDraft d) {
        CatalogService before = service(currentName);
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name()) && repo.serviceIdByName(name).isPresent()) {
            throw new ConflictException("A service named '" + name + "' already exists");
        }
        repo.updateService(
                before.id(),
                name,
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128),
                d.description() == null ? before.description() : optional(d.description(), "description", 4000),
                d.tier() == null ? before.tier() : d.tier(),
                d.ownerTeam() == null ? before.ownerTeamId() : ownerTeamId(d.ownerTeam()),
                d.runbookUrl() == null ? before.runbookUrl() : url(d.runbookUrl(), "runbookUrl"),
                d.dashboardUrl() == null ? before.dashboardUrl() : url(d.dashboardUrl(), "dashboardUrl"),
                d.repositoryUrl() == null ? before.repositoryUrl() : url(d.repositoryUrl(), "repositoryUrl"));
        CatalogService after = repo.findService(before.id()).orElseThrow();
        audit.record("service.updated", "service", after.name(), "Updated service " + after.name(), before, after);
        return after;
    }

    public void deleteService(String name) {
        CatalogService service = service(name);
        repo.archiveService(service.id(), clock.instant());
        audit.record("service.deleted", "service", name, "Deleted service " + name, service, null);
    }

    @Transactional(readOnly = true)
    public List<CatalogService> services() {
        return repo.findServices();
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

    @Transactional(readOnly = true)
    public List<CatalogService> servicesOwnedBy(long teamId) {
        return repo.findServices().stream()
                .filter(s -> s.ownerTeamId() == teamId)
                .toList();
    }

    // ---- validation ----

    private long ownerTeamId(String team) {
        if (team == null || team.isBlank()) {
            throw new InvalidInputException("ownerTeam", "must name the team that owns the service");
        }
        return repo.teamIdByName(team.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidInputException("ownerTeam", "no team named '" + team + "'"));
    }

    private List<String> members(List<String> members) {
        if (members == null) {
            return List.of();
        }
        var result = new LinkedHashSet<String>();
        for (String m : members) {
            String u = m == null ? "" : m.trim().toLowerCase(Locale.ROOT);
            if (!users.exists(u)) {
                throw new InvalidInputException("members", "no user named '" + m + "'");
            }
            result.add(u);
        }
        return List.copyOf(result);
    }

    private static String slug(String value, String field) {
        String s = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(s).matches()) {
            throw new InvalidInputException(
                    field, "1 to 64 characters: lower-case letters, digits and '-', starting with a letter or digit");
        }
        return s;
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return optional(value, field, max);
    }

    private static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return v;
    }

    private static String url(String value, String field) {
        String v = optional(value, field, 500);
        if (v == null) {
            return null;
        }
        try {
            URI uri = URI.create(v);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an http(s) URL");
        }
    }
}
