package dev.kintsugi.search.generator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What to generate: the command line ({@code --name value} or {@code --name=value}), with defaults from the environment. */
record GeneratorOptions(
        String dbUrl,
        String dbUser,
        String dbPassword,
        int incidents,
        int postmortems,
        int years,
        long seed,
        double frenchShare,
        Instant now,
        String server,
        String token) {
    static final String H2_DEFAULT =
            "jdbc:h2:file:./data/kintsugi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    static GeneratorOptions parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw usage("unexpected argument " + k);
            }
            String v;
            int eq = k.indexOf('=');
            if (eq > 0) {
                v = k.substring(eq + 1);
                k = k.substring(0, eq);
            } else if (i + 1 < args.length) {
                v = args[++i];
            } else {
                throw usage("missing value for " + k);
            }
            a.put(k.substring(2), v);
        }
        Set<String> known = Set.of(
                "db-url",
                "db-user",
                "db-password",
                "incidents",
                "postmortems",
                "years",
                "seed",
                "french",
                "now",
                "server",
                "token");
        for (String k : a.keySet()) {
            if (!known.contains(k)) {
                throw usage("unknown option --" + k);
            }
        }
        String env = System.getenv("KINTSUGI_DB_URL");
        String url = a.getOrDefault("db-url", env != null && !env.isBlank() ? env : H2_DEFAULT);
        boolean h2 = url.startsWith("jdbc:h2:");
        String user = a.getOrDefault("db-user", envOr("KINTSUGI_DB_USER", h2 ? "sa" : "kintsugi"));
        String password = a.getOrDefault("db-password", envOr("KINTSUGI_DB_PASSWORD", h2 ? "" : "kintsugi"));
        int incidents = Integer.parseInt(a.getOrDefault("incidents", "1000"));
        int postmortems = Integer.parseInt(a.getOrDefault("postmortems", String.valueOf(incidents / 5)));
        if (incidents < 0 || postmortems < 0) {
            throw usage("--incidents and --postmortems must not be negative");
        }
        return new GeneratorOptions(
                url,
                user,
                password,
                incidents,
                postmortems,
                Integer.parseInt(a.getOrDefault("years", "3")),
                Long.parseLong(a.getOrDefault("seed", "42")),
                Double.parseDouble(a.getOrDefault("french", "0.4")),
                a.containsKey("now") ? Instant.parse(a.get("now")) : Instant.now(),
                a.get("server"),
                a.getOrDefault("token", System.getenv("KINTSUGI_ADMIN_TOKEN")));
    }

    private static String envOr(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null ? otherwise : v;
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "\nusage: ./kintsugi generate [--incidents N (1000)]"
                + " [--postmortems N (incidents/5)] [--years 3] [--seed 42] [--french 0.4] [--now ISO-instant]"
                + " [--db-url JDBC-URL (KINTSUGI_DB_URL, else ./data/kintsugi)] [--db-user U] [--db-password P]"
                + " [--server http://host:port --token ADMIN-TOKEN (KINTSUGI_ADMIN_TOKEN)]");
    }
}
