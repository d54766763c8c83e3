package dev.kintsugi.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * A database server that one test owns and may stop and start again (an outage), or share between two application
 * contexts (two instances). On the PostgreSQL pass of the suite ({@code KINTSUGI_TEST_DB_URL} names PostgreSQL) it
 * is a throwaway PostgreSQL cluster of Debian's binaries ({@code initdb} and {@code pg_ctl} in a temporary directory,
 * on a free loopback port, run as the {@code postgres} user when the tests run as root), so that what the issue asks
 * to prove on PostgreSQL is proven there; otherwise an H2 TCP server. {@link #close()} removes everything.
 */
public abstract sealed class OwnDatabase implements AutoCloseable {
    protected final Path dir;
    protected final int port;

    private OwnDatabase(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** PostgreSQL when this pass of the suite runs on PostgreSQL (and its binaries are here), else H2. */
    public static OwnDatabase forThisPass(String name) {
        try {
            Path dir = Files.createTempDirectory("kintsugi-db-" + name);
            String url = System.getenv().getOrDefault("KINTSUGI_TEST_DB_URL", "");
            if (url.startsWith("jdbc:postgresql:")) {
                return new Postgres(dir, freePort(), name);
            }
            return new H2(dir, freePort(), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public abstract String url();

    public abstract String username();

    public abstract String password();

    /** Starts the server (again, after {@link #stop()}); its data survives a stop. */
    public abstract OwnDatabase start();

    /** Stops the server: every connection to it is closed. */
    public abstract void stop();

    /** "PostgreSQL" or "H2", for messages. */
    public abstract String kind();

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: left to the system
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class H2 extends OwnDatabase {
        private final String name;
        private Server server;

        H2(Path dir, int port, String name) {
            super(dir, port);
            this.name = name;
        }

        @Override
        public String url() {
            return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }

        @Override
        public String username() {
            return "sa";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public OwnDatabase start() {
            try {
                server = Server.createTcpServer(
                                "-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                        .start();
                return this;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }

        @Override
        public String kind() {
            return "H2";
        }
    }

    static final class Postgres extends OwnDatabase {
        private static final String PASSWORD = "own-database";
        private final String name;
        private final Path bin;
        private final Path data;
        private boolean initialised;

        Postgres(Path dir, int port, String name) {
            super(dir, port);
            this.name = name.replaceAll("[^a-z0-9_]", "_");
            this.bin = binaries();
            this.data = dir.resolve("data");
        }

        private static Path binaries() {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder())
                        .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "PostgreSQL's binaries are not installed (apt-get install postgresql)", e);
            }
        }

        @Override
        public String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        }

        @Override
        public String username() {
            return "kintsugi";
        }

        @Override
        public String password() {
            return PASSWORD;
        }

        @Override
        public OwnDatabase start() {
            if (!initialised) {
                initialise();
            }
            run(List.of(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    dir.resolve("server.log").toString(),
                    "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=on",
                    "start"));
            return this;
        }

        private void initialise() {
            try {
                Path pw = dir.resolve("pw");
                Files.writeString(pw, PASSWORD + "\n");
                Files.createDirectories(data);
                if (root()) {
                    run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
                }
                run(List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "kintsugi",
                        "--pwfile=" + pw,
                        "-A",
                        "scram-sha-256",
                        "-E",
                        "UTF8",
                        "--no-sync"));
                initialised = true;
                start();
                waitUntilReady("postgres");
                try (var c = DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", username(), password());
                        var s = c.createStatement()) {
                    s.execute("create database " + name);
                }
                stop();
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot create a PostgreSQL cluster in " + dir, e);
            }
        }

        private void waitUntilReady(String database) throws SQLException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try (var c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, username(), password())) {
                    return;
                } catch (SQLException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        @Override
        public void stop() {
            if (initialised && Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "fast", "stop"));
            }
        }

        @Override
        public String kind() {
            return "PostgreSQL";
        }

        private static boolean root() {
            return "root".equals(System.getProperty("user.name"));
        }

        /** Runs a PostgreSQL tool, as the postgres user when we are root (PostgreSQL refuses to run as root). */
        private void run(List<String> command) {
            List<String> full = new ArrayList<>();
            if (root() && !command.getFirst().equals("chown")) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            try {
                Process p = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("tool.log").toFile())
                        .start();
                if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(
                            String.join(" ", full) + " failed: " + Files.readString(dir.resolve("tool.log")));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
