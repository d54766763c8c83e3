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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
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
    /** Names that would clash with page addresses such as {@code /catalog/services/new}. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("new");

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
        ensureTeamNameFree(name);
        long id = unique(
                () -> repo.insertTeam(
                        name,
                        displayName,
                        optional(d.description(), "description", 2000),
                        optional(d.contactChannel(), "contactChannel", 200),
                        clock.instant()),
                "team",
                name);
        repo.replaceMembers(id, members);
        Team team = repo.findTeam(id).orElseThrow();
        audit.record("team.created", "team", name, "Created team " + name, null, team);
        return team;
    }

    public Team updateTeam(String currentName, TeamDraft d) {
        Team before = team(currentName);
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name())) {
            ensureTeamNameFree(name);
        }
        String displayName =
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128);
        String description =
                d.description() == null ? before.description() : optional(d.description(), "description", 2000);
        String contact = d.contactChannel() == null
                ? before.contactChannel()
                : optional(d.contactChannel(), "contactChannel", 200);
        List<String> members = d.members() == null ? before.members() : members(d.members());
        unique(
                () -> {
                    repo.updateTeam(before.id(), name, displayName, description, contact);
                    return before.id();
                },
                "team",
                name);
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
                    Map.of("services", owned.stream().map(CatalogService::name).toList()));
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
        ensureServiceNameFree(name);
        String description = optional(d.description(), "description", 4000);
        String runbook = url(d.runbookUrl(), "runbookUrl");
        String dashboard = url(d.dashboardUrl(), "dashboardUrl");
        String repository = url(d.repositoryUrl(), "repositoryUrl");
        long id = unique(
                () -> repo.insertService(
                        name,
                        displayName,
                        description,
                        d.tier(),
                        owner,
                        runbook,
                        dashboard,
                        repository,
                        clock.instant()),
                "service",
                name);
        CatalogService service = repo.findService(id).orElseThrow();
        audit.record("service.created", "service", name, "Created service " + name, null, service);
        return service;
    }

    public CatalogService updateService(String currentName, ServiceDraft d) {
        CatalogService before = service(currentName);
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name())) {
            ensureServiceNameFree(name);
        }
        String displayName =
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128);
        String description =
                d.description() == null ? before.description() : optional(d.description(), "description", 4000);
        Tier tier = d.tier() == null ? before.tier() : d.tier();
        long owner = d.ownerTeam() == null ? before.ownerTeamId() : ownerTeamId(d.ownerTeam());
        String runbook = d.runbookUrl() == null ? before.runbookUrl() : url(d.runbookUrl(), "runbookUrl");
        String dashboard = d.dashboardUrl() == null ? before.dashboardUrl() : url(d.dashboardUrl(), "dashboardUrl");
        String repository =
                d.repositoryUrl() == null ? before.repositoryUrl() : url(d.repositoryUrl(), "repositoryUrl");
        unique(
                () -> {
                    repo.updateService(
                            before.id(), name, displayName, description, tier, owner, runbook, dashboard, repository);
                    return before.id();
                },
                "service",
                name);
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

    @Transactional(readOnly = true)
    public List<CatalogService> servicesOwnedBy(long teamId) {
        return repo.findServices().stream()
                .filter(s -> s.ownerTeamId() == teamId)
                .toList();
    }

    // ---- validation ----

    /** Names stay reserved after deletion (history keeps meaning the same thing), so archived rows count too. */
    private void ensureTeamNameFree(String name) {
        repo.teamNameArchived(name).ifPresent(archived -> {
            throw new ConflictException(
                    archived
                            ? "A team named '" + name + "' existed and was deleted; choose another name"
                            : "A team named '" + name + "' already exists",
                    Map.of("name", name));
        });
    }

    private void ensureServiceNameFree(String name) {
        repo.serviceNameArchived(name).ifPresent(archived -> {
            throw new ConflictException(
                    archived
                            ? "A service named '" + name + "' existed and was deleted; choose another name"
                            : "A service named '" + name + "' already exists",
                    Map.of("name", name));
        });
    }

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

    /**
     * Two requests racing for the same name pass the check above; the unique constraint decides, and the loser
     * gets the same 409 instead of a 500.
     */
    private static long unique(java.util.function.LongSupplier write, String kind, String name) {
        try {
            return write.getAsLong();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A " + kind + " named '" + name + "' already exists", Map.of("name", name));
        }
    }

    private static String slug(String value, String field) {
        String s = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(s).matches()) {
            throw new InvalidInputException(
                    field, "1 to 64 characters: lower-case letters, digits and '-', starting with a letter or digit");
        }
        if (RESERVED.contains(s)) {
            throw new InvalidInputException(field, "'" + s + "' is reserved (it is a page address); choose another");
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
