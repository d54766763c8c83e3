package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The kill switch's benchmark (docs/benchmarks.md), off unless {@code -Dkintsugi.bench.killswitch=N}: N times, ten
 * runs in progress each with a latency toxic in place on its own embedded proxy, then {@code POST
 * /api/v1/chaos/kill-switch/engage}; measured from sending the request to the last toxic gone from its proxy (the
 * answer comes after every revert; each proxy is then checked). Baseline in the same run: one {@code DELETE} of a
 * toxic on loopback. Figures go to {@code target/kill-switch-benchmark.txt}; timing is never asserted.
 */
class KillSwitchBenchmarkTest extends IntegrationTest {
    private static final int RUNS = 10;

    @Autowired
    CatalogManagement catalog;

    @Test
    void engagedToLastFaultReverted() throws Exception {
        int iterations = Integer.getInteger("kintsugi.bench.killswitch", 0);
        assumeTrue(iterations > 0, "benchmark: run with -Dkintsugi.bench.killswitch=N");
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        List<ChaosFixture> fixtures = new ArrayList<>();
        List<Long> experiments = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                ChaosFixture f = new ChaosFixture("bench" + i);
                fixtures.add(f);
                String service = unique("bench");
                tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
                experiments.add(engineer.post(
                                "/api/v1/experiments",
                                Map.of(
                                        "definition",
                                        f.experimentWithoutRollback(unique("bench"), 10, 120),
                                        "services",
                                        List.of(service)))
                        .json()
                        .path("id")
                        .asLong());
            }
            int warmup = Math.min(3, iterations);
            double[] killMs = new double[iterations];
            double[] baselineMs = new double[iterations];
            for (int n = -warmup; n < iterations; n++) {
                List<Long> runs = new ArrayList<>();
                for (long e : experiments) {
                    ApiClient.Response r = engineer.post("/api/v1/experiments/" + e + "/runs", Map.of());
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                    runs.add(r.json().path("id").asLong());
                }
                assertThat(ChaosFixture.poll(
                                Duration.ofSeconds(60),
                                () -> fixtures.stream().allMatch(f -> f.toxics().size() == 1)))
                        .isTrue();
                long start = System.nanoTime();
                ApiClient.Response engaged = engineer.post("/api/v1/chaos/kill-switch/engage?reason=bench", null);
                for (ChaosFixture f : fixtures) {
                    assertThat(f.toxics()).isEmpty();
                }
                long end = System.nanoTime();
                assertThat(engaged.status()).isEqualTo(200);
                // baseline: one toxic added and removed by hand on loopback, timing only the DELETE
                ChaosFixture first = fixtures.get(0);
                ChaosFixture.send(
                        "POST",
                        first.api + "/proxies/" + first.proxyName + "/toxics",
                        "{\"name\": \"base\", \"type\": \"latency\", \"attributes\": {\"latency\": 1}}");
                long b0 = System.nanoTime();
                ChaosFixture.send("DELETE", first.api + "/proxies/" + first.proxyName + "/toxics/base", null);
                long b1 = System.nanoTime();
                if (n >= 0) {
                    killMs[n] = (end - start) / 1e6;
                    baselineMs[n] = (b1 - b0) / 1e6;
                }
                assertThat(engineer.post("/api/v1/chaos/kill-switch/release", null)
                                .status())
                        .isEqualTo(200);
                for (long run : runs) {
                    ChaosRunEndToEndTest.waitForEnd(engineer, run);
                }
            }
            String report = "kill switch, " + RUNS + " runs in progress, " + iterations + " iterations (+" + warmup
                    + " warm-up)\n"
                    + line("engage -> last fault reverted", killMs)
                    + line("baseline: one toxic DELETE", baselineMs)
                    + "ratio p50 (kill switch / one DELETE): "
                    + String.format("%.1f", percentile(killMs, 50) / percentile(baselineMs, 50)) + "\n";
            System.out.println(report);
            Files.writeString(Path.of("target", "kill-switch-benchmark.txt"), report);
        } finally {
            engineer.post("/api/v1/chaos/kill-switch/release", null);
            fixtures.forEach(ChaosFixture::close);
        }
    }

    private static String line(String what, double[] ms) {
        return String.format(
                "%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what,
                percentile(ms, 50),
                percentile(ms, 99),
                Arrays.stream(ms).max().orElse(0));
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
