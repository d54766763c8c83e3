package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.experiment.cli.KintsugiChaos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The CLI in a child JVM, stopped by SIGTERM (rollbacks run) or killed by SIGKILL (the lease cleans up). */
class CrashSafetyTest {

    @TempDir
    Path dir;

    FakeToxiproxy toxiproxy;

    @BeforeEach
    void start() throws Exception {
        toxiproxy = new FakeToxiproxy();
    }

    @AfterEach
    void stop() {
        toxiproxy.close();
    }

    private Process startCli(double pauseAfter, String leaseMargin) throws Exception {
        Path experiment = Fixtures.write(dir, "e.json", """
                {"title": "t", "description": "d",
                 "method": [%s],
                 "rollbacks": [%s]}
                """.formatted(
                        KintsugiProviderTest.addToxic(toxiproxy.url(), pauseAfter),
                        KintsugiProviderTest.removeToxic(toxiproxy.url())));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KintsugiChaos.class.getName(),
                        "run",
                        experiment.toString(),
                        "--journal-path",
                        dir.resolve("journal.json").toString(),
                        "--lease-margin",
                        leaseMargin)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
    }

    private void awaitToxic() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (toxiproxy.toxics.isEmpty()) {
            assertThat(System.nanoTime()).as("the child JVM injects the toxic").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void sigtermStopsTheRunRollsBackAndWritesTheJournal() throws Exception {
        Process cli = startCli(60, "60");
        awaitToxic();
        cli.destroy(); // SIGTERM
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(toxiproxy.toxics).isEmpty();
        // removed through the API by the rollback (its 60 s lease and pause were not waited out)
        assertThat(toxiproxy.removedBy).containsEntry("redis/latency_downstream", "api");
        JsonNode journal =
                ExperimentLoader.JSON.readTree(dir.resolve("journal.json").toFile());
        assertThat(journal.path("status").asText()).isEqualTo("interrupted");
        assertThat(journal.path("rollbacks").get(0).path("status").asText()).isEqualTo("succeeded");
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("Rollback Action: remove-latency");
    }

    @Test
    void sigkillLeavesNoFaultBehindOnceTheLeaseEnds() throws Exception {
        Process cli = startCli(1, "1");
        awaitToxic();
        cli.destroyForcibly(); // SIGKILL: no hook, no rollback
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long lease = toxiproxy.calls.get(0).body().path("ttl_ms").asLong();
        // at most add_toxic (1 s budget) + 1 s pause + remove_toxic (1 s) + 1 s margin, less what had elapsed
        // when the child injected it, and never under the 1 s floor
        assertThat(lease).isBetween(1_000L, 4_000L);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lease + 30_000);
        while (!toxiproxy.toxics.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(toxiproxy.toxics).isEmpty();
        assertThat(toxiproxy.removedBy).containsEntry("redis/latency_downstream", "lease");
        assertThat(toxiproxy.calls).noneMatch(c -> c.method().equals("DELETE"));
    }
}
