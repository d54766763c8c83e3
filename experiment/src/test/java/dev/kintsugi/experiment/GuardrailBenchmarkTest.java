package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The guardrail figure for docs/benchmarks.md: a toxic is injected, the application starts failing at a random
 * moment, the continuous hypothesis (every 250 ms) sees it, the method stops and the rollback removes the toxic.
 * Runs only with {@code -Dkintsugi.bench.guardrail=ITERATIONS}.
 */
class GuardrailBenchmarkTest {

    @Test
    void guardrailReaction() throws Exception {
        String iterations = System.getProperty("kintsugi.bench.guardrail");
        Assumptions.assumeTrue(iterations != null, "benchmark: run with -Dkintsugi.bench.guardrail=100");
        int n = Integer.parseInt(iterations);
        List<Double> reaction = new ArrayList<>();
        List<Double> onset = new ArrayList<>();
        for (int i = 0; i < n + 5; i++) {
            try (FakeToxiproxy toxiproxy = new FakeToxiproxy();
                    TestHttpServer app = new TestHttpServer()) {
                ObjectNode experiment = ExperimentLoader.parse(
                        """
                        {"title": "guardrail", "description": "d",
                         "steady-state-hypothesis": {"title": "healthy", "probes": [
                           {"type": "probe", "name": "health", "tolerance": 200,
                            "provider": {"type": "http", "url": "%s", "timeout": 1}}]},
                         "method": [%s], "rollbacks": [%s]}
                        """.formatted(
                                        app.url("/health"),
                                        KintsugiProviderTest.addToxic(toxiproxy.url(), 30),
                                        KintsugiProviderTest.removeToxic(toxiproxy.url())),
                        "bench.json");
                long[] flippedAt = new long[1];
                Thread breaker = new Thread(() -> {
                    try {
                        while (toxiproxy.toxics.isEmpty()) {
                            Thread.sleep(1);
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
                        flippedAt[0] = System.nanoTime();
                        app.status.set(500);
                    } catch (InterruptedException ignored) {
                        // done
                    }
                });
                breaker.start();
                RunResult result = Runner.prepare(
                                experiment, RunOptions.defaults().withStrategies(null, "continuously", 0.25, null))
                        .run();
                breaker.join();
                assertThat(toxiproxy.toxics).isEmpty();
                if (i >= 5) { // warm-up
                    reaction.add(result.guardrailReaction().toNanos() / 1e6);
                    onset.add((toxiproxy.removedAt.get("redis/latency_downstream") - flippedAt[0]) / 1e6);
                }
            }
        }
        String report = String.format(
                Locale.ROOT,
                "guardrail, %d runs, 250 ms frequency%n"
                        + "first failing probe -> last fault removed (ms): p50 %.1f, p99 %.1f, max %.1f%n"
                        + "application starts failing -> toxic removed at the proxy (ms): p50 %.1f, p99 %.1f, max %.1f%n",
                n,
                pct(reaction, 50),
                pct(reaction, 99),
                pct(reaction, 100),
                pct(onset, 50),
                pct(onset, 99),
                pct(onset, 100));
        System.out.print(report);
        Files.writeString(Path.of("target", "guardrail-benchmark.txt"), report);
        assertThat(pct(reaction, 99)).isLessThanOrEqualTo(1000.0);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
