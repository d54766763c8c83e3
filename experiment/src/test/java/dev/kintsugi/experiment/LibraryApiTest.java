package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.experiment.provider.Provider;
import dev.kintsugi.experiment.provider.ProviderRegistry;
import dev.kintsugi.experiment.provider.RunContext;
import dev.kintsugi.proxy.KintsugiProxy;
import dev.kintsugi.proxy.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine as a host drives it: fault callbacks around the real Kintsugi proxy (injecting is heard before the
 * toxic exists, injected once it does), probe verdicts, the run's end, a fault reverted later from its record
 * alone, per-run policy refusals, and a host's own provider in the registry.
 */
class LibraryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private KintsugiProxy proxy;
    private TestHttpServer app;
    private String api;

    @BeforeEach
    void start() throws Exception {
        proxy = new KintsugiProxy("127.0.0.1", 0, new TestClock(T0)).start();
        app = new TestHttpServer();
        api = "http://127.0.0.1:" + proxy.port();
        int appPort = URI.create(app.url("/")).getPort();
        var created = send(
                "POST",
                api + "/proxies",
                "{\"name\": \"redis\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:" + appPort + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        proxy.close();
        app.close();
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

    private int toxicCount() {
        try {
            return JSON.readTree(
                            send("GET", api + "/proxies/redis/toxics", null).body())
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean proxyEnabled() throws Exception {
        return JSON.readTree(send("GET", api + "/proxies/redis", null).body())
                .path("enabled")
                .asBoolean();
    }

    private ObjectNode latencyExperiment(String rollbackStrategy) throws Exception {
        return ExperimentLoader.parse("""
                {"title": "latency on redis", "description": "d",
                 "steady-state-hypothesis": {"title": "app answers",
                   "probes": [{"type": "probe", "name": "app-health", "tolerance": 200,
                               "provider": {"type": "http", "url": "%s", "timeout": 2}}]},
                 "method": [{"type": "action", "name": "add-latency",
                   "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 2,
                     "arguments": {"api_url": "%s", "proxy": "redis", "type": "latency", "name": "slow",
                                   "attributes": {"latency": 100}}}}],
                 "rollbacks": [{"type": "action", "name": "remove-latency",
                   "provider": {"type": "kintsugi", "func": "remove_toxic", "timeout": 2,
                     "arguments": {"api_url": "%s", "proxy": "redis", "name": "slow"}}}],
                 "runtime": {"rollbacks": {"strategy": "%s"}}}
                """.formatted(app.url("/health"), api, api, rollbackStrategy), "latency.json");
    }

    /** Records what a host hears, and what the proxy holds at the moment each fault call comes. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Fault> injected = new CopyOnWriteArrayList<>();
        final List<RunResult> ended = new CopyOnWriteArrayList<>();
        final java.util.function.IntSupplier toxics;

        Recorder(java.util.function.IntSupplier toxics) {
            this.toxics = toxics;
        }

        @Override
        public void probeChecked(String section, JsonNode run, JsonNode tolerance, boolean met) {
            events.add("probe " + section + " " + Activities.name(run.path("activity")) + " " + tolerance + " " + met);
        }

        @Override
        public void faultInjecting(Fault fault) {
            events.add("injecting " + fault.key() + " toxics=" + toxics.getAsInt());
        }

        @Override
        public void faultInjected(Fault fault) {
            injected.add(fault);
            events.add("injected " + fault.key() + " toxics=" + toxics.getAsInt());
        }

        @Override
        public void faultRemoved(Fault fault, String error) {
            events.add(
                    "removed " + fault.key() + " " + (error == null ? "ok" : error) + " toxics=" + toxics.getAsInt());
        }

        @Override
        public void runEnded(RunResult result) {
            ended.add(result);
        }
    }

    @Test
    void theHostHearsAFaultBeforeItIsAppliedOnceInPlaceAndWhenRemoved() throws Exception {
        Recorder recorder = new Recorder(this::toxicCount);
        RunResult result = Runner.prepare(
                        latencyExperiment("default"),
                        RunOptions.forHost()
                                .withListener(recorder)
                                .withClock(Clock.fixed(T0, ZoneOffset.UTC))
                                .withLeaseMargin(Duration.ofSeconds(30)))
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        String key = "toxic:" + api + "/redis/slow";
        assertThat(recorder.events)
                .containsExactly(
                        "probe hypothesis app-health 200 true",
                        "injecting " + key + " toxics=0",
                        "injected " + key + " toxics=1",
                        "probe hypothesis app-health 200 true",
                        "removed " + key + " ok toxics=0");
        Fault fault = recorder.injected.getFirst();
        assertThat(fault.kind()).isEqualTo(Fault.KIND_TOXIC);
        assertThat(fault.target()).containsEntry("api_url", api).containsEntry("proxy", "redis");
        assertThat(fault.target()).containsEntry("toxic", "slow");
        assertThat(fault.description()).isEqualTo("toxic slow on proxy redis at " + api);
        long ttl = result.journal()
                .path("run")
                .path(0)
                .path("output")
                .path("ttl_ms")
                .asLong();
        assertThat(ttl).isGreaterThan(30_000);
        assertThat(fault.leaseExpiry()).isEqualTo(T0.plusMillis(ttl));
        assertThat(recorder.ended).singleElement().isSameAs(result);
    }

    @Test
    void aHostThatCannotJournalAFaultKeepsItFromBeingApplied() throws Exception {
        ProgressListener refusing = new ProgressListener() {
            @Override
            public void faultInjecting(Fault fault) {
                throw new IllegalStateException("journal unavailable");
            }
        };
        RunResult result = Runner.prepare(
                        latencyExperiment("default"), RunOptions.forHost().withListener(refusing))
                .run();

        JsonNode add = result.journal().path("run").path(0);
        assertThat(add.path("status").asString()).isEqualTo("failed");
        assertThat(add.path("exception").toString())
                .contains("refused to record")
                .contains("journal unavailable");
        assertThat(toxicCount()).isZero();
    }

    @Test
    void aRecordedFaultIsRevertedLaterFromItsRecordAlone() throws Exception {
        Recorder recorder = new Recorder(this::toxicCount);
        // 'never': the run leaves its toxic, as a crashed server would
        Runner.prepare(latencyExperiment("never"), RunOptions.forHost().withListener(recorder))
                .run();
        assertThat(toxicCount()).isEqualTo(1);
        String record = recorder.injected.getFirst().toJson();
        assertThat(Fault.fromJson(record)).isEqualTo(recorder.injected.getFirst());

        FaultReverter reverter = new FaultReverter(Duration.ofSeconds(5));
        reverter.revert(record);
        assertThat(toxicCount()).isZero();
        reverter.revert(record); // already gone: still a success

        var disable = ExperimentLoader.parse("""
                {"title": "redis down", "description": "d",
                 "method": [{"type": "action", "name": "cut-redis",
                   "provider": {"type": "kintsugi", "func": "disable_proxy",
                                "arguments": {"api_url": "%s", "proxy": "redis"}}}],
                 "runtime": {"rollbacks": {"strategy": "never"}}}
                """.formatted(api), "down.json");
        Recorder second = new Recorder(this::toxicCount);
        Runner.prepare(disable, RunOptions.forHost().withListener(second)).run();
        assertThat(proxyEnabled()).isFalse();
        Fault disabled = second.injected.getFirst();
        assertThat(disabled.kind()).isEqualTo(Fault.KIND_PROXY_DISABLED);
        reverter.revert(disabled.toJson());
        assertThat(proxyEnabled()).isTrue();

        Fault process = new Fault(
                "process-stopped:w", Fault.KIND_PROCESS_STOPPED, "process w stopped", Map.of("pid", "1"), null);
        assertThatThrownBy(() -> reverter.revert(process.toJson()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("only be undone by the run that made it");
        assertThatThrownBy(() -> reverter.revert("{\"kind\": 3}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHostPolicyRefusesProviderTypesHostsAndTheEnvironmentNamingTheActivity() throws Exception {
        var experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "configuration": {"home": {"type": "env", "key": "HOME"}},
                 "method": [{"type": "action", "name": "run-script",
                             "provider": {"type": "process", "path": "true"}},
                            {"type": "probe", "name": "call-app",
                             "provider": {"type": "http", "url": "%s"}},
                            {"type": "action", "name": "start-worker",
                             "provider": {"type": "kintsugi", "func": "start_process",
                                          "arguments": {"name": "w", "path": "sleep", "arguments": "1"}}},
                            {"type": "action", "name": "slow-redis",
                             "provider": {"type": "kintsugi", "func": "add_toxic",
                               "arguments": {"api_url": "%s", "proxy": "redis", "type": "latency"}}}]}
                """.formatted(app.url("/"), api), "policy.json");
        RunOptions host = RunOptions.forHost()
                .withPolicy(RunOptions.forHost().policy().withAllowedHosts(Set.of("*.shop.internal", "localhost")));

        assertThatThrownBy(() -> Runner.prepare(experiment, host))
                .isInstanceOf(InvalidExperimentException.class)
                .satisfies(e -> assertThat(((InvalidExperimentException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .contains("configuration 'home' reads environment variable HOME")
                                .contains("policy does not allow reading the environment"))
                        .anySatisfy(p -> assertThat(p)
                                .isEqualTo("method activity 'run-script': provider type 'process' is not allowed by"
                                        + " this run's policy (allowed: [http, kintsugi, python])"))
                        .anySatisfy(p -> assertThat(p)
                                .isEqualTo("method activity 'start-worker': it uses the power of provider type"
                                        + " 'process', which is not allowed by this run's policy (allowed: [http,"
                                        + " kintsugi, python])"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("method activity 'call-app': host '127.0.0.1:")
                                .contains("is not in this run's allowed hosts [*.shop.internal, localhost]"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("method activity 'slow-redis': host '127.0.0.1:" + proxy.port() + "'")));

        // the same experiment passes once the host allows what it needs, reading the host's map, not System.getenv
        RunOptions allowing = host.withVariables(Map.of("HOME", "/from-the-host"), Map.of(), Map.of())
                .withPolicy(RunPolicy.permissive().withAllowedHosts(Set.of("127.0.0.1")));
        Runner runner = Runner.prepare(experiment, allowing);
        assertThat(runner).isNotNull();
    }

    @Test
    void hostsMatchByNamePortAndSubdomain() {
        RunPolicy policy = RunPolicy.permissive().withAllowedHosts(Set.of("*.shop.internal", "toxiproxy:8474"));
        assertThat(policy.refusesHost("a", "http://cart.shop.internal:8080/health"))
                .isNull();
        assertThat(policy.refusesHost("a", "http://toxiproxy:8474")).isNull();
        assertThat(policy.refusesHost("a", "http://toxiproxy:9999")).contains("host 'toxiproxy:9999'");
        assertThat(policy.refusesHost("a", "https://shop.internal.evil.com/")).contains("not in this run's allowed");
        assertThat(policy.refusesHost("a", "http://SHOP.INTERNAL")).isNotNull();
        assertThat(policy.refusesHost("a", "cart.shop.internal:6379")).isNull();
        assertThat(RunPolicy.permissive().refusesHost("a", "http://anything")).isNull();
    }

    @Test
    void aHostAddsItsOwnProviderAndItsSecretsAndEnvironmentReachIt() throws Exception {
        Provider echo = new Provider() {
            @Override
            public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {}

            @Override
            public JsonNode run(JsonNode provider, RunContext context) {
                return provider.path("arguments");
            }
        };
        var experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "configuration": {"home": {"type": "env", "key": "HOME"}},
                 "secrets": {"app": {"token": "from-the-file"}},
                 "method": [{"type": "probe", "name": "echo-it",
                             "provider": {"type": "echo", "arguments": {"home": "${home}", "token": "${token}"}}}]}
                """, "echo.json");
        RunOptions options = RunOptions.forHost()
                .withProviders(ProviderRegistry.standard().register("echo", echo))
                .withPolicy(RunPolicy.permissive().withProviderTypes(Set.of("echo")))
                .withVariables(Map.of("HOME", "/from-the-host"), Map.of(), Map.of("token", JSON.valueToTree("s3cr3t")));

        RunResult result = Runner.prepare(experiment, options).run();

        JsonNode output = result.journal().path("run").path(0).path("output");
        assertThat(output.path("home").asString()).isEqualTo("/from-the-host");
        assertThat(output.path("token").asString()).isEqualTo("s3cr3t");

        var standard = ProviderRegistry.standard();
        assertThat(standard.get("echo")).as("each registry is the host's own").isNull();
    }

    @Test
    void aProcessTheHostAllowsDoesNotInheritTheHostsEnvironmentUnlessTheRunMayReadIt() throws Exception {
        assertThat(System.getenv("PATH")).isNotBlank();
        var experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "print-env",
                             "provider": {"type": "process", "path": "sh",
                                          "arguments": ["-c", "echo \\"[$PATH|$HOME]\\""]}}]}
                """, "env.json");
        RunOptions processAllowed = RunOptions.forHost()
                .withPolicy(RunPolicy.permissive().withEnvironment(false).withProviderTypes(Set.of("process")));

        String off = Runner.prepare(experiment, processAllowed)
                .run()
                .journal()
                .path("run")
                .path(0)
                .path("output")
                .path("stdout")
                .asString();
        String on = Runner.prepare(experiment, RunOptions.defaults())
                .run()
                .journal()
                .path("run")
                .path(0)
                .path("output")
                .path("stdout")
                .asString();

        assertThat(off.strip()).isEqualTo("[" + System.getenv("PATH") + "|]");
        assertThat(on.strip()).isNotEqualTo(off.strip()).startsWith("[" + System.getenv("PATH") + "|/");
    }

    @Test
    void chaosMonkeyEnabledByARunIsDisabledFromItsRecordAlone() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        var actuator = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        actuator.createContext("/", exchange -> {
            calls.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = "Chaos Monkey is enabled".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        actuator.start();
        try {
            String url = "http://127.0.0.1:" + actuator.getAddress().getPort() + "/actuator";
            var experiment = ExperimentLoader.parse("""
                    {"title": "t", "description": "d",
                     "method": [{"type": "action", "name": "unleash-the-monkey",
                       "provider": {"type": "kintsugi", "func": "chaosmonkey_enable",
                                    "arguments": {"actuator_url": "%s"}}}],
                     "runtime": {"rollbacks": {"strategy": "never"}}}
                    """.formatted(url), "cm4sb.json");
            Recorder recorder = new Recorder(() -> 0);
            Runner.prepare(experiment, RunOptions.forHost().withListener(recorder))
                    .run();
            Fault monkey = recorder.injected.getFirst();
            assertThat(monkey.kind()).isEqualTo(Fault.KIND_CHAOS_MONKEY);
            assertThat(calls).containsExactly("POST /actuator/chaosmonkey/enable");

            new FaultReverter(Duration.ofSeconds(5)).revert(monkey.toJson());

            assertThat(calls)
                    .containsExactly("POST /actuator/chaosmonkey/enable", "POST /actuator/chaosmonkey/disable");
        } finally {
            actuator.stop(0);
        }
    }
}
