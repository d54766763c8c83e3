package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The names people expect where the data holds usernames and team slugs: display names of users and teams, read
 * once per page or document ({@link #names()}).
 */
@Component
public class People {
    private final UserManagement users;
    private final CatalogManagement catalog;

    People(UserManagement users, CatalogManagement catalog) {
        this.users = users;
        this.catalog = catalog;
    }

    /** The display names of every user and team, as they are now. */
    public Names names() {
        Map<String, String> people = new HashMap<>();
        for (UserAccount u : users.list()) {
            people.put(u.username(), blank(u.displayName()) ? u.username() : u.displayName());
        }
        Map<String, String> teams = new HashMap<>();
        for (Team t : catalog.teams()) {
            teams.put(t.name(), blank(t.displayName()) ? t.name() : t.displayName());
        }
        return new Names(people, teams);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Display names by username and by team name; a name not found reads as given. */
    public record Names(Map<String, String> users, Map<String, String> teams) {
        public String user(String username) {
            return username == null ? null : users.getOrDefault(username, username);
        }

        public String team(String name) {
            return name == null ? null : teams.getOrDefault(name, name);
        }

        public String users(List<String> usernames) {
            return usernames.stream().map(this::user).collect(Collectors.joining(", "));
        }

        /** "Ada Lovelace", "Payments" or "Ada Lovelace (Payments)". */
        public String owner(CountermeasureView c) {
            if (c.ownerUser() != null && c.ownerTeam() != null) {
                return user(c.ownerUser()) + " (" + team(c.ownerTeam()) + ")";
            }
            return c.ownerUser() != null ? user(c.ownerUser()) : team(c.ownerTeam());
        }
    }
}
