package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.proxy.KintsugiProxy;
import dev.kintsugi.proxy.Poll;
import dev.kintsugi.proxy.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The runner and the real Kintsugi proxy agree on leases: a toxic the experiment injects carries the lease the
 * runner computed, and the proxy removes it by itself when the lease ends, with no call from anyone. The proxy's
 * clock is the test's: leases end when the test moves it (how close to real time they end: docs/benchmarks.md).
 * And the experiment's HTTP client passes the proxy's admin API defences for every Toxiproxy function.
 */
class RealProxyLeaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock proxyClock = new TestClock(START);

    private JsonNode toxics(String api, String proxy) throws Exception {
        return JSON.readTree(
                send("GET", api + "/proxies/" + proxy + "/toxics", null).body());
    }

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
        try (KintsugiProxy proxy = new KintsugiProxy("127.0.0.1", 0, proxyClock).start();
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

            JsonNode toxics = toxics(api, "redis");
            assertThat(toxics).hasSize(1);
            assertThat(toxics.get(0).path("ttl_ms").asLong()).isEqualTo(2000);
            assertThat(toxics.get(0).path("expires_at").asText())
                    .isEqualTo(START.plusSeconds(2).toString());

            proxyClock.advance(Duration.ofMillis(1999));
            proxy.expireLeases();
            assertThat(toxics(api, "redis")).as("1 ms before the lease ends").hasSize(1);
            proxyClock.advance(Duration.ofMillis(1));
            // nobody calls the proxy now but this test, reading: its own lease sweep removes the toxic
            assertThat(Poll.until(
                            Duration.ofSeconds(10), () -> toxics(api, "redis").isEmpty()))
                    .isTrue();
            assertThat(proxy.faultsExpired()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatOutlastsItsLeaseKeepsItsFaultUntilTheRollback() throws Exception {
        try (KintsugiProxy proxy = new KintsugiProxy("127.0.0.1", 0, proxyClock).start();
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
            assertThat(Poll.until(
                            Duration.ofSeconds(10), () -> toxics(api, "pg").size() == 1))
                    .isTrue();
            // Move the proxy's clock half a lease at a time, each time only after a renewal has pushed the lease's
            // end past the new "now": 1.5 s of proxy time against a first lease of 1 s, so only renewals can
            // have kept the toxic.
            for (int step = 0; step < 3; step++) {
                proxyClock.advance(Duration.ofMillis(500));
                proxy.expireLeases();
                assertThat(toxics(api, "pg"))
                        .as("after %d ms of proxy time", 500 * (step + 1))
                        .hasSize(1);
                Instant halfALeaseOn = proxyClock.instant().plusMillis(500);
                assertThat(Poll.until(Duration.ofSeconds(10), () -> {
                            JsonNode now = toxics(api, "pg");
                            return now.size() == 1
                                    && Instant.parse(now.get(0)
                                                    .path("expires_at")
                                                    .asText())
                                            .isAfter(halfALeaseOn);
                        }))
                        .as("a renewal after step %d", step)
                        .isTrue();
            }
            thread.join(30_000);
            assertThat(result.get().exitCode()).isZero();
            assertThat(JSON.readTree(
                            send("GET", api + "/proxies/pg/toxics", null).body()))
                    .isEmpty();
            assertThat(proxy.faultsExpired())
                    .as("removed by the rollback, not by an expired lease")
                    .isZero();
        }
    }

    @Test
    void everyToxiproxyFunctionPassesTheProxysAdminApiDefences() throws Exception {
        // the experiment's own HTTP client against the real proxy, which refuses browsers, foreign hosts and
        // form-like bodies: add, renew (add again), remove, disable with a lease, enable
        try (KintsugiProxy proxy = new KintsugiProxy("127.0.0.1", 0, proxyClock).start();
                TestHttpServer app = new TestHttpServer()) {
            String api = "http://localhost:" + proxy.port();
            int appPort = URI.create(app.url("/")).getPort();
            send("POST", api + "/proxies", "{\"name\": \"svc\", \"upstream\": \"127.0.0.1:" + appPort + "\"}");
            var context = dev.kintsugi.experiment.provider.RunContext.forTests();
            String toxic = "{\"api_url\": \"" + api + "\", \"proxy\": \"svc\", \"type\": \"latency\","
                    + " \"attributes\": {\"latency\": 5}}";
            assertThat(KintsugiFunctionsTest.run("add_toxic", toxic, context)
                            .path("name")
                            .asText())
                    .isEqualTo("latency_downstream");
            KintsugiFunctionsTest.run("add_toxic", toxic, context); // exists: updated in place
            assertThat(toxics(api, "svc")).hasSize(1);
            KintsugiFunctionsTest.run(
                    "remove_toxic",
                    "{\"api_url\": \"" + api + "\", \"proxy\": \"svc\", \"name\": \"latency_downstream\"}",
                    context);
            assertThat(toxics(api, "svc")).isEmpty();
            String target = "{\"api_url\": \"" + api + "\", \"proxy\": \"svc\"}";
            KintsugiFunctionsTest.run("disable_proxy", target, context);
            JsonNode disabled =
                    JSON.readTree(send("GET", api + "/proxies/svc", null).body());
            assertThat(disabled.path("enabled").asBoolean()).isFalse();
            assertThat(disabled.path("enabled_at").isTextual())
                    .as("a leased disable")
                    .isTrue();
            KintsugiFunctionsTest.run("enable_proxy", target, context);
            assertThat(JSON.readTree(send("GET", api + "/proxies/svc", null).body())
                            .path("enabled")
                            .asBoolean())
                    .isTrue();
        }
    }
}
