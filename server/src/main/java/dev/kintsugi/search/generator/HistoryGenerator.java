package dev.kintsugi.search.generator;

import static dev.kintsugi.search.generator.HistoryStatements.ts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;

/**
 * Writes a realistic, seeded history of any size into a Kintsugi database: teams, services, people, incidents with
 * milestones (some missing), timelines, post-mortems in English and French, and countermeasures (some overdue, some
 * done). For benchmarks and insights, not for production data.
 *
 * <p>It migrates the database with the server's own Flyway migrations, then writes with JDBC batches straight into
 * those tables (the facades would take hours for a million incidents), with explicit ids above the existing ones,
 * and moves the identity columns and the incident number counter past them. Finally it appends a {@code rebuild}
 * change to the search topic of the cluster change log, so that every server on the database rebuilds its search
 * index (now, or at its next start), and, given {@code --server}, asks the running server to rebuild its read
 * models ({@code POST /api/v1/search/rebuild}, {@code POST /api/v1/insights/rebuild} when it exists).
 *
 * <p>The parts: {@link GeneratorOptions} (the command line), {@link GeneratedCatalog} (teams, services, people),
 * {@link GeneratedIncidents}, {@link GeneratedPostmortems} and {@link GeneratedCountermeasures} (the history, through
 * {@link HistoryStatements}), {@link RebuildClient} (the running server); they share one {@link HistoryState}, whose
 * seeded random source they draw from in a fixed order.
 *
 * <p>Run: {@code ./kintsugi generate --incidents 100000 --postmortems 100000 [--db-url ...]} (see
 * {@code docs/search.md}).
 */
public final class HistoryGenerator {
    private static final int BATCH = 2000;

    /** What was written, for the caller and the summary line. */
    record Summary(
            int teams,
            int services,
            int users,
            int incidents,
            long timelineEntries,
            int postmortems,
            long countermeasures,
            Duration took) {}

    private final GeneratorOptions options;
    private final HistoryState state;
    private final Random random;
    private final Instant now;
    private final GeneratedCatalog catalog;
    private final GeneratedPostmortems postmortems;
    private final GeneratedIncidents incidents;

    HistoryGenerator(GeneratorOptions options) {
        this.options = options;
        this.state = new HistoryState(options);
        this.random = state.random;
        this.now = state.now;
        this.catalog = new GeneratedCatalog(state);
        this.postmortems = new GeneratedPostmortems(state, new GeneratedCountermeasures(state));
        this.incidents = new GeneratedIncidents(state, postmortems);
    }

    public static void main(String[] args) throws Exception {
        GeneratorOptions o = GeneratorOptions.parse(args);
        Summary s = new HistoryGenerator(o).run();
        System.out.printf(
                Locale.ROOT,
                "generated %d teams, %d services, %d people, %d incidents (%d timeline entries), %d post-mortems,"
                        + " %d countermeasures in %.1f s%n",
                s.teams(),
                s.services(),
                s.users(),
                s.incidents(),
                s.timelineEntries(),
                s.postmortems(),
                s.countermeasures(),
                s.took().toMillis() / 1000.0);
        if (o.server() != null) {
            RebuildClient.rebuild(o.server(), o.token());
        } else {
            System.out.println("search: every server on this database rebuilds its index (change log);"
                    + " insights: POST /api/v1/insights/rebuild on a running server, or pass --server");
        }
    }

    Summary run() throws SQLException {
        long t0 = System.nanoTime();
        Flyway.configure()
                .dataSource(options.dbUrl(), options.dbUser(), options.dbPassword())
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword())) {
            c.setAutoCommit(false);
            for (String t : List.of(
                    "catalog_team",
                    "catalog_service",
                    "platform_user",
                    "incident",
                    "incident_timeline_entry",
                    "postmortem",
                    "postmortem_factor",
                    "postmortem_decision",
                    "postmortem_timeline_entry",
                    "postmortem_revision",
                    "postmortem_countermeasure")) {
                state.nextIds.put(t, max(c, "select max(id) from " + t) + 1);
            }
            catalog.teamsAndServices(c);
            catalog.people(c);
            c.commit();
            int pms = history(c);
            finish(c);
            c.commit();
            return new Summary(
                    state.teams.size(),
                    state.services.size(),
                    state.users.size(),
                    options.incidents(),
                    state.timelineEntries,
                    pms,
                    state.countermeasures,
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static long max(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Incidents in declaration order over {@code --years}, each maybe with its post-mortem; answers how many. */
    private int history(Connection c) throws SQLException {
        int n = options.incidents();
        int pmTarget = options.postmortems();
        int pmWithIncident = Math.min(pmTarget, n);
        long firstNumber = max(c, "select last_number from incident_number_counter where id = 1");
        long spanSeconds = Duration.ofDays(365L * options.years()).toSeconds();
        Instant start = now.minusSeconds(spanSeconds);
        HistoryStatements w = new HistoryStatements(c);
        int pmsDone = 0;
        for (int i = 0; i < n; i++) {
            Instant declared = start.plusSeconds((long) ((i + random.nextDouble()) * spanSeconds / n));
            boolean withPm = random.nextDouble() * (n - i) < (pmWithIncident - pmsDone);
            incidents.write(w, firstNumber + i + 1, declared, withPm);
            if (withPm) {
                pmsDone++;
            }
            if ((i + 1) % BATCH == 0) {
                w.flush();
                c.commit();
            }
        }
        // reviews without an incident (near misses, game days, outages elsewhere) for the rest
        for (int i = pmsDone; i < pmTarget; i++) {
            Instant at = start.plusSeconds((long) (random.nextDouble() * spanSeconds));
            postmortems.write(
                    w,
                    null,
                    at,
                    state.pick(Vocabulary.SCENARIOS),
                    state.pickService(),
                    state.pickSeverity(),
                    random.nextDouble() < options.frenchShare(),
                    false,
                    List.of(state.pick(state.users)),
                    at);
            if ((i + 1) % BATCH == 0) {
                w.flush();
                c.commit();
            }
        }
        w.flush();
        w.close();
        try (PreparedStatement p =
                c.prepareStatement("update incident_number_counter set last_number = ? where id = 1")) {
            p.setLong(1, firstNumber + n);
            p.executeUpdate();
        }
        return pmTarget;
    }

    /** Identity columns and the change log: the server's next rows come after ours, and indexes rebuild. */
    private void finish(Connection c) throws SQLException {
        boolean postgres = c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, Long> e : state.nextIds.entrySet()) {
                String table = e.getKey();
                if (postgres) {
                    s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), greatest(1, (select"
                            + " coalesce(max(id), 0) from " + table + ")))");
                } else {
                    s.execute("alter table " + table + " alter column id restart with " + e.getValue());
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("insert into platform_audit_entry (occurred_at, actor, action,"
                + " target_type, target_id, summary) values (?, 'system', 'history.generated', 'database',"
                + " null, ?)")) {
            ts(p, 1, now);
            p.setString(
                    2,
                    "Generated " + options.incidents() + " incidents and " + options.postmortems()
                            + " post-mortems (seed " + options.seed() + ")");
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("insert into platform_change_log (topic, change_key, payload,"
                + " created_at, origin) values ('search', 'rebuild', null, ?, 'history-generator')")) {
            ts(p, 1, Instant.now());
            p.executeUpdate();
        }
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("notify kintsugi_changes");
            }
        }
    }
}
