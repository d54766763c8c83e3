package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The chaosprometheus probes, natively, against a real Prometheus (Debian's {@code prometheus}) scraping a tiny
 * target every second. Skipped, saying why, only when the binary is absent and {@code KINTSUGI_REQUIRE_PROMETHEUS}
 * is not {@code true} (CI sets it).
 */
class ChaosPrometheusTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    @TempDir
    static Path dir;

    private static HttpServer target;
    private static Process prometheus;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("KINTSUGI_REQUIRE_PROMETHEUS"))) {
                throw new IllegalStateException("KINTSUGI_REQUIRE_PROMETHEUS=true but " + BINARY + " is missing"
                        + " (apt-get install -y prometheus)");
            }
            Assumptions.abort("no " + BINARY + " (apt-get install -y prometheus, or set"
                    + " KINTSUGI_REQUIRE_PROMETHEUS=true to make this a failure)");
        }
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.25\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: websvc
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(target.getAddress().getPort()));
        int port = freePort();
        url = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        awaitScraped();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Polls (generous deadline) until Prometheus has scraped the target at least twice. */
    private static void awaitScraped() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String query = URI.create(url + "/api/v1/query?query=count_over_time(up%7Bjob%3D%22websvc%22%7D%5B1m%5D)")
                .toString();
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline && prometheus.isAlive()) {
            try {
                last = http.send(
                                HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                JsonNode value = ExperimentLoader.JSON
                        .readTree(last)
                        .path("data")
                        .path("result")
                        .path(0)
                        .path("value");
                if (value.path(1).asString("0").matches("[2-9]|\\d\\d+")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Prometheus did not scrape the target in time: " + last + "\n"
                + Files.readString(dir.resolve("prometheus.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void theReadmeProbesQueryARealPrometheusAndReturnItsAnswerAsIs() throws Exception {
        RunOptions options = RunOptions.forHost()
                .withVariables(
                        Map.of(),
                        Map.of("prometheus_base_url", JsonNodeFactory.instance.stringNode(url + "/")),
                        Map.of());

        RunResult result = Runner.prepare(Fixtures.experiment("reconstructed-chaosprometheus-readme.json"), options)
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        JsonNode up = result.journal()
                .path("steady_states")
                .path("before")
                .path("probes")
                .path(0);
        assertThat(up.path("tolerance_met").asBoolean()).isTrue();
        JsonNode instant = result.journal().path("run").path(0).path("output");
        assertThat(instant.path("status").asString()).isEqualTo("success");
        assertThat(instant.path("data").path("resultType").asString()).isEqualTo("vector");
        JsonNode range = result.journal().path("run").path(1).path("output");
        assertThat(range.path("status").asString()).isEqualTo("success");
        assertThat(range.path("data").path("resultType").asString()).isEqualTo("matrix");
        JsonNode series = range.path("data").path("result").path(0);
        assertThat(series.path("metric").path("job").asString()).isEqualTo("websvc");
        assertThat(series.path("values")).isNotEmpty();
        series.path("values").forEach(v -> assertThat(v.path(1).asString()).isEqualTo("1.25"));
    }

    @Test
    void aBadQueryFailsTheProbeWithPrometheusMessageAndABadDateIsNamed() throws Exception {
        var experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "configuration": {"prometheus_base_url": "%s"},
                 "method": [
                   {"type": "probe", "name": "bad-query", "provider": {"type": "python",
                    "module": "chaosprometheus.probes", "func": "query", "arguments": {"query": "sum("}}},
                   {"type": "probe", "name": "bad-date", "provider": {"type": "python",
                    "module": "chaosprometheus.probes", "func": "query",
                    "arguments": {"query": "up", "when": "2 mns ago"}}}]}
                """.formatted(url), "bad.json");

        RunResult result = Runner.prepare(experiment, RunOptions.forHost()).run();

        JsonNode run = result.journal().path("run");
        assertThat(run.path(0).path("status").asString()).isEqualTo("failed");
        assertThat(run.path(0).path("exception").toString())
                .contains("Prometheus query")
                .contains("parse error");
        assertThat(run.path(1).path("exception").toString()).contains("failed to parse '2 mns ago'");
    }
}
