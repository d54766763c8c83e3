package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kintsugi.proxy.KintsugiProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The runner and the real Kintsugi proxy agree on leases: a toxic the experiment injects carries the lease the
 * runner computed, and the proxy removes it by itself when the lease ends, with no call from anyone.
 */
class RealProxyLeaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aToxicLeftInPlaceDisappearsWhenItsLeaseEnds() throws Exception {
        try (KintsugiProxy proxy = new KintsugiProxy("127.0.0.1", 0).start();
                TestHttpServer app = new TestHttpServer()) {
            String api = "http://127.0.0.1:" + proxy.port();
            int appPort = URI.create(app.url("/")).getPort();
            var created = send(
                    "POST",
                    api + "/proxies",
                    "{\"name\": \"redis\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:" + appPort + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            var experiment = ExperimentLoader.parse("""
                    {"title": "a fault outlives its runner only for its lease", "description": "d",
                     "method": [{"type": "action", "name": "add-latency",
                       "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                         "arguments": {"api_url": "%s", "proxy": "redis", "type": "latency",
                                       "attributes": {"latency": 500}, "lease_seconds": 2}}}]}
                    """.formatted(api), "lease.json");
            // 'never': nothing reverts the toxic at the end of the run; only the lease can.
            RunResult result = Runner.prepare(
                            experiment, RunOptions.defaults().withStrategies("never", null, null, null))
                    .run();
            assertThat(result.exitCode()).isZero();
            long injected = System.nanoTime();

            JsonNode toxics = JSON.readTree(
                    send("GET", api + "/proxies/redis/toxics", null).body());
            assertThat(toxics).hasSize(1);
            assertThat(toxics.get(0).path("ttl_ms").asLong()).isEqualTo(2000);

            long deadline = injected + 8_000_000_000L;
            while (System.nanoTime() < deadline
                    && JSON.readTree(send("GET", api + "/proxies/redis/toxics", null)
                                            .body())
                                    .size()
                            > 0) {
                Thread.sleep(50);
            }
            long goneAfterMs = (System.nanoTime() - injected) / 1_000_000;
            assertThat(JSON.readTree(
                            send("GET", api + "/proxies/redis/toxics", null).body()))
                    .isEmpty();
            assertThat(goneAfterMs).isBetween(1_000L, 4_000L);
            assertThat(proxy.faultsExpired()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatOutlastsItsLeaseKeepsItsFaultUntilTheRollback() throws Exception {
        try (KintsugiProxy proxy = new KintsugiProxy("127.0.0.1", 0).start();
                TestHttpServer app = new TestHttpServer()) {
            String api = "http://127.0.0.1:" + proxy.port();
            int appPort = URI.create(app.url("/")).getPort();
            send(
                    "POST",
                    api + "/proxies",
                    "{\"name\": \"pg\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:" + appPort + "\"}");
            // A 1 s lease and a 3 s pause: only renewals (every third of the 1 s margin) keep the toxic alive.
            var experiment = ExperimentLoader.parse("""
                    {"title": "a slow run keeps its fault", "description": "d",
                     "method": [{"type": "action", "name": "add-latency",
                       "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                         "arguments": {"api_url": "%1$s", "proxy": "pg", "type": "latency",
                                       "attributes": {"latency": 100}, "lease_seconds": 1}},
                       "pauses": {"after": 3}}],
                     "rollbacks": [{"type": "action", "name": "remove-latency",
                       "provider": {"type": "kintsugi", "func": "remove_toxic", "timeout": 2,
                         "arguments": {"api_url": "%1$s", "proxy": "pg", "name": "latency_downstream"}}}]}
                    """.formatted(api), "renewal.json");
            Runner runner =
                    Runner.prepare(experiment, RunOptions.defaults().withLeaseMargin(java.time.Duration.ofSeconds(1)));
            var result = new java.util.concurrent.atomic.AtomicReference<RunResult>();
            Thread thread = new Thread(() -> result.set(runner.run()));
            thread.start();
            Thread.sleep(2_500);
            assertThat(JSON.readTree(
                            send("GET", api + "/proxies/pg/toxics", null).body()))
                    .as("2.5 s into a run whose first lease was 1 s")
                    .hasSize(1);
            thread.join(15_000);
            assertThat(result.get().exitCode()).isZero();
            assertThat(JSON.readTree(
                            send("GET", api + "/proxies/pg/toxics", null).body()))
                    .isEmpty();
            assertThat(proxy.faultsExpired())
                    .as("removed by the rollback, not by an expired lease")
                    .isZero();
        }
    }
}
