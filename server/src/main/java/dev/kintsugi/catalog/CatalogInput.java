package dev.kintsugi.catalog;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.TextInput;
import dev.kintsugi.platform.UserManagement;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;

/** Checks what people send the catalog: slugs, lengths, links, known users and teams, free names. */
final class CatalogInput {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Names that would clash with page addresses such as {@code /catalog/services/new}. */
    private static final Set<String> RESERVED = Set.of("new");

    private final CatalogRepository repo;
    private final UserManagement users;

    CatalogInput(CatalogRepository repo, UserManagement users) {
        this.repo = repo;
        this.users = users;
    }

    /** Names stay reserved after deletion (history keeps meaning the same thing), so archived rows count too. */
    void ensureTeamNameFree(String name) {
        repo.teamNameArchived(name).ifPresent(archived -> {
            throw taken("team", name, archived);
        });
    }

    void ensureServiceNameFree(String name) {
        repo.serviceNameArchived(name).ifPresent(archived -> {
            throw taken("service", name, archived);
        });
    }

    private static ConflictException taken(String kind, String name, boolean archived) {
        String a = kind.equals("team") ? "A team" : "A service";
        return new ConflictException(
                "catalog.conflict." + kind + (archived ? "Deleted" : "Taken"),
                archived
                        ? a + " named '" + name + "' existed and was deleted; choose another name"
                        : a + " named '" + name + "' already exists",
                Map.of("name", name),
                name);
    }

    long ownerTeamId(String team) {
        if (team == null || team.isBlank()) {
            throw new InvalidInputException(
                    "ownerTeam", "catalog.validation.ownerTeam", "must name the team that owns the service");
        }
        return repo.teamIdByName(team.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidInputException(
                        "ownerTeam", "validation.noTeam", "no team named '" + team + "'", team));
    }

    List<String> members(List<String> members) {
        if (members == null) {
            return List.of();
        }
        var result = new LinkedHashSet<String>();
        for (String m : members) {
            String u = m == null ? "" : m.trim().toLowerCase(Locale.ROOT);
            if (!users.exists(u)) {
                throw new InvalidInputException("members", "validation.unknownUser", "no user named '" + m + "'", m);
            }
            result.add(u);
        }
        return List.copyOf(result);
    }

    /**
     * Two requests racing for the same name pass the checks above; the unique constraint decides, and the loser
     * gets the same 409 instead of a 500.
     */
    static long unique(LongSupplier write, String kind, String name) {
        try {
            return write.getAsLong();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "catalog.conflict." + kind + "Taken",
                    "A " + kind + " named '" + name + "' already exists",
                    Map.of("name", name),
                    name);
        }
    }

    /** The version guard of the server's own read-modify-write: 0 rows means someone else saved meanwhile. */
    static void requireSaved(int rows, String what) {
        if (rows == 0) {
            throw new ConflictException(
                    "conflict.changedMeanwhile",
                    what + " was changed by someone else meanwhile; reload and try again",
                    Map.of(),
                    what);
        }
    }

    static String slug(String value, String field) {
        String s = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(s).matches()) {
            throw new InvalidInputException(
                    field,
                    "catalog.validation.slug",
                    "1 to 64 characters: lower-case letters, digits and '-', starting with a letter or digit");
        }
        if (RESERVED.contains(s)) {
            throw new InvalidInputException(
                    field,
                    "catalog.validation.reserved",
                    "'" + s + "' is reserved (it is a page address); choose another",
                    s);
        }
        return s;
    }

    static String required(String value, String field, int max) {
        return TextInput.required(value, field, max);
    }

    static String optional(String value, String field, int max) {
        return TextInput.optional(value, field, max);
    }

    static String url(String value, String field) {
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
            throw new InvalidInputException(field, "validation.url", "must be an http(s) URL");
        }
    }
}
