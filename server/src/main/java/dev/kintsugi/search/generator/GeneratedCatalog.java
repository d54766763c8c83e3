package dev.kintsugi.search.generator;

import static dev.kintsugi.search.generator.HistoryStatements.ts;

import dev.kintsugi.search.generator.HistoryState.ServiceRow;
import dev.kintsugi.search.generator.HistoryState.TeamRow;
import dev.kintsugi.search.generator.Vocabulary.TeamName;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The catalog and the people the history happens to: teams and services, then people (a member of each team) and,
 * on a database without anyone yet, the first admin. Fills {@link HistoryState}'s teams, services and users.
 */
final class GeneratedCatalog {
    private final HistoryState state;
    private final GeneratorOptions options;
    private final Random random;
    private final Instant now;

    GeneratedCatalog(HistoryState state) {
        this.state = state;
        this.options = state.options;
        this.random = state.random;
        this.now = state.now;
    }

    /** Teams and services: the vocabulary's, repeated with a number for large histories; existing names kept. */
    void teamsAndServices(Connection c) throws SQLException {
        Set<String> teamNames = existing(c, "select name from catalog_team");
        Set<String> serviceNames = existing(c, "select name from catalog_service");
        int rounds = Math.max(1, Math.min(10, options.incidents() / 50_000 + 1));
        Instant created = now.minus(Duration.ofDays(365L * options.years() + 30));
        try (PreparedStatement team = c.prepareStatement("insert into catalog_team (id, name, display_name,"
                        + " description, contact_channel, created_at, version) values (?, ?, ?, ?, ?, ?, 0)");
                PreparedStatement svc = c.prepareStatement("insert into catalog_service (id, name, display_name,"
                        + " description, tier, owner_team_id, created_at, version) values (?, ?, ?, ?, ?, ?, ?, 0)")) {
            for (int round = 0; round < rounds; round++) {
                for (TeamName t : Vocabulary.TEAMS) {
                    String suffix = round == 0 ? "" : "-" + (round + 1);
                    String name = unique(t.name() + suffix, teamNames);
                    String display = t.displayName() + (round == 0 ? "" : " " + (round + 1));
                    TeamRow row = new TeamRow(state.id("catalog_team"), name, display, state.teams.isEmpty());
                    team.setLong(1, row.id());
                    team.setString(2, name);
                    team.setString(3, display);
                    team.setString(4, "The " + display + " squad.");
                    team.setString(5, "#team-" + name);
                    team.setTimestamp(6, Timestamp.from(created));
                    team.addBatch();
                    state.teams.add(row);
                    for (String s : t.services()) {
                        String sname = unique(s + suffix, serviceNames);
                        String sdisplay = displayName(s) + (round == 0 ? "" : " " + (round + 1));
                        ServiceRow srow = new ServiceRow(state.id("catalog_service"), sname, sdisplay, row);
                        svc.setLong(1, srow.id());
                        svc.setString(2, sname);
                        svc.setString(3, sdisplay);
                        svc.setString(4, sdisplay + ", owned by " + display + ".");
                        svc.setString(5, "TIER_" + (1 + random.nextInt(4)));
                        svc.setLong(6, row.id());
                        svc.setTimestamp(7, Timestamp.from(created));
                        svc.addBatch();
                        state.services.add(srow);
                    }
                }
            }
            team.executeBatch();
            svc.executeBatch();
        }
    }

    /**
     * People who declare, respond and review; they cannot log in (no password) until an admin sets one. On a database
     * without anyone yet, the first admin too, as the server would make it (it makes none once people exist):
     * {@code admin} with {@code KINTSUGI_ADMIN_PASSWORD}, else a one-time password printed here.
     */
    void people(Connection c) throws SQLException {
        Set<String> taken = existing(c, "select username from platform_user");
        if (taken.isEmpty()) {
            firstAdmin(c);
            taken.add("admin");
        }
        int count = Math.max(20, Math.min(400, state.services.size() * 3));
        try (PreparedStatement p = c.prepareStatement("insert into platform_user (id, username, display_name, email,"
                        + " role, enabled, must_change_password, created_at) values (?, ?, ?, ?, ?, true, false, ?)");
                PreparedStatement member =
                        c.prepareStatement("insert into catalog_team_member (team_id, username) values (?, ?)")) {
            for (int i = 0; i < count; i++) {
                String first = Vocabulary.FIRST_NAMES.get(i % Vocabulary.FIRST_NAMES.size());
                String last = Vocabulary.LAST_NAMES.get(
                        (i / Vocabulary.FIRST_NAMES.size() + i) % Vocabulary.LAST_NAMES.size());
                String username = first + "." + last;
                if (taken.contains(username)) {
                    if (!state.users.contains(username)) {
                        state.users.add(username);
                    }
                    continue;
                }
                taken.add(username);
                state.users.add(username);
                p.setLong(1, state.id("platform_user"));
                p.setString(2, username);
                p.setString(3, capitalise(first) + " " + capitalise(last));
                p.setString(4, username + "@example.com");
                p.setString(5, i % 10 == 0 ? "CHAOS_ENGINEER" : "RESPONDER");
                p.setTimestamp(6, Timestamp.from(now.minus(Duration.ofDays(365L * options.years() + 30))));
                p.addBatch();
                member.setLong(1, state.teams.get(i % state.teams.size()).id());
                member.setString(2, username);
                member.addBatch();
            }
            p.executeBatch();
            member.executeBatch();
        }
    }

    /** Not from the seeded source: a one-time password must not follow from the seed. */
    private void firstAdmin(Connection c) throws SQLException {
        String given = System.getenv("KINTSUGI_ADMIN_PASSWORD");
        boolean generated = given == null || given.isBlank();
        String password = given;
        if (generated) {
            SecureRandom r = new SecureRandom();
            StringBuilder b = new StringBuilder();
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            for (int i = 0; i < 16; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            password = b.toString();
        }
        try (PreparedStatement p = c.prepareStatement("insert into platform_user (id, username, display_name,"
                + " password_hash, role, enabled, must_change_password, created_at) values (?, 'admin',"
                + " 'Administrator', ?, 'ADMIN', true, ?, ?)")) {
            p.setLong(1, state.id("platform_user"));
            p.setString(
                    2,
                    PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
            p.setBoolean(3, generated);
            ts(p, 4, now);
            p.executeUpdate();
        }
        if (generated) {
            // printed once, as the server does for its first admin: how the first person gets in
            System.out.println("first admin created: log in as 'admin' with the one-time password " + password);
        }
    }

    private static Set<String> existing(Connection c, String sql) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) {
            n = name + "-g" + i;
        }
        taken.add(n);
        return n;
    }

    private static String displayName(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("-")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(part.length() <= 3 ? part.toUpperCase(Locale.ROOT) : capitalise(part));
        }
        return b.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
