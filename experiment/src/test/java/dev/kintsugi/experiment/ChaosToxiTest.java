package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.proxy.KintsugiProxy;
import dev.kintsugi.proxy.TestClock;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The chaostoxi functions, natively, from unchanged experiment files (src/test/resources/ctk/SOURCES.md) against
 * the real Kintsugi proxy on a free port, read back with the toxiproxy-java client. Only the configuration is
 * adapted ({@code --var}, or its library equivalent), never the files.
 */
class ChaosToxiTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private KintsugiProxy kintsugi;
    private TestHttpServer app;
    private ToxiproxyClient client;
    private String api;

    @BeforeEach
    void start() throws Exception {
        // the proxy's own clock stands still: no lease ends during a test, whatever the machine's speed
        kintsugi = new KintsugiProxy("127.0.0.1", 0, new TestClock(Instant.parse("2030-01-01T00:00:00Z"))).start();
        app = new TestHttpServer();
        client = new ToxiproxyClient("127.0.0.1", kintsugi.port());
        api = "http://127.0.0.1:" + kintsugi.port();
    }

    @AfterEach
    void stop() {
        kintsugi.close();
        app.close();
    }

    private String appAddress() {
        return "127.0.0.1:" + URI.create(app.url("/")).getPort();
    }

    private static JsonNode toxics(String api, String proxy) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(api + "/proxies/" + proxy + "/toxics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return ExperimentLoader.JSON.readTree(response.body());
    }

    @Test
    void k8chaosLatencyFileRunsThroughTheCliAndItsToxicSlowsTheRealTrafficThenGoes() throws Exception {
        Proxy web = client.createProxy("web_test_nginx", "127.0.0.1:0", appAddress());
        Path file = Fixtures.write(
                dir, "latency_delay_toxiproxy.yaml", Fixtures.text("k8chaos-latency-delay-toxiproxy.yaml"));
        Path journalFile = dir.resolve("journal.json");

        CliTest.Outcome o = CliTest.cli(
                "run",
                file.toString(),
                "--var",
                "toxiproxy_url=" + api,
                "--var",
                "front_url=http://" + web.getListen() + "/health",
                "--dry",
                "pause",
                "--journal-path",
                journalFile.toString());

        assertThat(o.code()).as(o.out() + o.err()).isZero();
        JsonNode journal = ExperimentLoader.JSON.readTree(Files.readString(journalFile));
        JsonNode toxic = journal.path("run").path(0);
        assertThat(toxic.path("status").asString()).isEqualTo("succeeded");
        assertThat(toxic.path("output").asBoolean())
                .as("create_latency_toxic returns True")
                .isTrue();
        // the hypothesis after the method went through the toxic: at least its 1000 ms of latency
        JsonNode after =
                journal.path("steady_states").path("after").path("probes").path(0);
        assertThat(after.path("output").path("status").asInt()).isEqualTo(200);
        assertThat(after.path("duration").asDouble()).isGreaterThanOrEqualTo(1.0);
        // the file has no rollback: the leftover revert removed the toxic
        assertThat(journal.path("rollbacks")
                        .path(0)
                        .path("activity")
                        .path("provider")
                        .path("fault")
                        .asString())
                .isEqualTo("toxic increase_latency on proxy web_test_nginx at " + api);
        assertThat(web.toxics().getAll()).isEmpty();
    }

    @Test
    void everyToxicActionCarriesALeaseOnTheProxyAndNothingIsLeftBehind() throws Exception {
        Proxy eds = client.createProxy("edsproxy", "127.0.0.1:0", appAddress());
        AtomicReference<JsonNode> inPlace = new AtomicReference<>();
        AtomicReference<List<? extends Toxic>> seenByJavaClient = new AtomicReference<>();
        List<Fault> injected = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void faultInjected(Fault fault) {
                injected.add(fault);
            }

            @Override
            public void activityFinished(String section, JsonNode run) {
                if (Activities.name(run.path("activity")).equals("create_toxic")) {
                    try {
                        inPlace.set(toxics(api, "edsproxy"));
                        seenByJavaClient.set(eds.toxics().getAll());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        RunOptions options = RunOptions.defaults()
                .withDry(Dry.PAUSE)
                .withListener(listener)
                .withVariables(Map.of(), Map.of("toxiproxy_url", F.stringNode(api)), Map.of());

        RunResult result = Runner.prepare(Fixtures.experiment("reconstructed-chaostoxi-toxics.json"), options)
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        result.journal()
                .path("run")
                .forEach(run -> assertThat(run.path("output").asBoolean())
                        .as(Activities.name(run.path("activity")))
                        .isTrue());
        assertThat(seenByJavaClient.get())
                .extracting(Toxic::getName)
                .containsExactlyInAnyOrder(
                        "latency_toxic",
                        "bandwidth_toxic",
                        "slow_close_toxic",
                        "timeout_toxic",
                        "slicer_toxic",
                        "limiter_toxic",
                        "upstream_latency");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        inPlace.get().forEach(t -> byName.put(t.path("name").asString(), t));
        assertThat(byName.get("latency_toxic")
                        .path("attributes")
                        .path("latency")
                        .asInt())
                .isEqualTo(5000);
        assertThat(byName.get("latency_toxic").path("attributes").path("jitter").asInt())
                .isEqualTo(200);
        assertThat(byName.get("bandwidth_toxic").path("type").asString()).isEqualTo("bandwidth");
        assertThat(byName.get("bandwidth_toxic").path("attributes").path("rate").asInt())
                .isEqualTo(10);
        assertThat(byName.get("slow_close_toxic").path("type").asString()).isEqualTo("slow_close");
        assertThat(byName.get("timeout_toxic")
                        .path("attributes")
                        .path("timeout")
                        .asInt())
                .isEqualTo(1000);
        assertThat(byName.get("slicer_toxic")
                        .path("attributes")
                        .path("size_variation")
                        .asInt())
                .isEqualTo(32);
        assertThat(byName.get("limiter_toxic").path("type").asString()).isEqualTo("limit_data");
        assertThat(byName.get("limiter_toxic").path("attributes").path("bytes").asInt())
                .isEqualTo(1024);
        assertThat(byName.get("upstream_latency").path("stream").asString()).isEqualTo("upstream");
        assertThat(byName.get("upstream_latency").path("toxicity").asDouble()).isEqualTo(0.5);
        byName.values()
                .forEach(t -> assertThat(t.path("ttl_ms").asLong())
                        .as("lease of " + t.path("name"))
                        .isPositive());
        assertThat(injected)
                .hasSize(7)
                .allSatisfy(f -> assertThat(f.leaseExpiry()).isNotNull());

        // the rollback deleted one toxic (delete_toxic returns True); the leftover revert the six others
        JsonNode rollbacks = result.journal().path("rollbacks");
        assertThat(rollbacks.path(0).path("output").asBoolean()).isTrue();
        assertThat(rollbacks).hasSize(7);
        assertThat(eds.toxics().getAll()).isEmpty();
    }

    @Test
    void proxyActionsAndProbesCreateCutRestoreResetAndRemoveAProxy() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void faultInjected(Fault fault) {
                events.add("injected " + fault.key());
            }

            @Override
            public void faultRemoved(Fault fault, String error) {
                events.add("removed " + fault.key() + (error == null ? "" : " " + error));
            }
        };
        String[] upstream = appAddress().split(":");
        RunOptions options = RunOptions.defaults()
                .withDry(Dry.PAUSE)
                .withListener(listener)
                .withVariables(
                        Map.of(),
                        Map.of(
                                "toxiproxy_host", F.stringNode("127.0.0.1"),
                                "toxiproxy_port", F.numberNode(kintsugi.port()),
                                "upstream_host", F.stringNode(upstream[0]),
                                "upstream_port", F.stringNode(upstream[1])),
                        Map.of());

        RunResult result = Runner.prepare(Fixtures.experiment("reconstructed-chaostoxi-proxy.json"), options)
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        Map<String, JsonNode> outputs = new java.util.LinkedHashMap<>();
        result.journal().path("run").forEach(r -> outputs.put(Activities.name(r.path("activity")), r.path("output")));
        assertThat(outputs.get("setup_toxiproxy_proxy").asBoolean()).isTrue();
        assertThat(outputs.get("myproxy-exists").asBoolean()).isTrue();
        assertThat(outputs.get("myproxy-upstream").asString()).isEqualTo(appAddress());
        assertThat(outputs.get("disable-myproxy").asBoolean()).isTrue();
        assertThat(outputs.get("myproxy-enabled-while-disabled").asBoolean()).isFalse();
        assertThat(outputs.get("enable-myproxy").asBoolean()).isTrue();
        assertThat(outputs.get("modify-myproxy").asBoolean()).isTrue();
        assertThat(outputs.get("reset all proxies").asBoolean()).isTrue();
        assertThat(outputs.get("remove-myproxy").isNull()).isTrue();
        assertThat(outputs.get("myproxy-is-gone").asBoolean()).isFalse();
        String key = "proxy-disabled:" + api + "/myproxy";
        // disabled, enabled, disabled again by modify_proxy, then reset: nothing left for the leftover revert
        assertThat(events).containsExactly("injected " + key, "removed " + key, "injected " + key, "removed " + key);
        assertThat(result.journal().path("rollbacks")).isEmpty();
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void aHostAllowListCoversTheToxiproxyUrlFromTheConfiguration() throws Exception {
        RunOptions options = RunOptions.forHost()
                .withPolicy(RunPolicy.permissive().withAllowedHosts(Set.of("toxiproxy.internal")))
                .withVariables(Map.of(), Map.of("toxiproxy_url", F.stringNode(api)), Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Runner.prepare(Fixtures.experiment("reconstructed-chaostoxi-toxics.json"), options))
                .isInstanceOf(InvalidExperimentException.class)
                .satisfies(e -> assertThat(((InvalidExperimentException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("method activity 'create_slicer_toxic': host '127.0.0.1:" + kintsugi.port()
                                        + "' is not in this run's allowed hosts")));
    }

    @Test
    void aChaostoxiToxicIsRenewedWhileTheRunLivesAndTheHostHearsEachNewExpiry() throws Exception {
        Proxy web = client.createProxy("web_test_nginx", "127.0.0.1:0", appAddress());
        List<Fault> renewed = new CopyOnWriteArrayList<>();
        List<Fault> injected = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void faultInjected(Fault fault) {
                injected.add(fault);
            }

            @Override
            public void faultRenewed(Fault fault) {
                renewed.add(fault);
            }
        };
        // the file's 5 s pause is kept: with a 1 s margin the lease is renewed every third of a second meanwhile
        RunOptions options = RunOptions.defaults()
                .withLeaseMargin(java.time.Duration.ofSeconds(1))
                .withListener(listener)
                .withVariables(
                        Map.of(),
                        Map.of(
                                "toxiproxy_url", F.stringNode(api),
                                "front_url", F.stringNode("http://" + web.getListen() + "/health")),
                        Map.of());

        RunResult result = Runner.prepare(Fixtures.experiment("k8chaos-latency-delay-toxiproxy.yaml"), options)
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        assertThat(injected)
                .singleElement()
                .satisfies(f -> assertThat(f.leaseExpiry()).isNotNull());
        assertThat(renewed).isNotEmpty().allSatisfy(f -> {
            assertThat(f.key()).isEqualTo("toxic:" + api + "/web_test_nginx/increase_latency");
            assertThat(f.leaseExpiry()).isNotNull();
        });
        assertThat(renewed.getLast().leaseExpiry())
                .isAfterOrEqualTo(renewed.getFirst().leaseExpiry());
        assertThat(web.toxics().getAll()).isEmpty();
    }
}
