package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KintsugiProviderTest {

    FakeToxiproxy toxiproxy;
    TestHttpServer app;

    @BeforeEach
    void start() throws Exception {
        toxiproxy = new FakeToxiproxy();
        app = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        toxiproxy.close();
        app.close();
    }

    static String addToxic(String api, double pauseAfter) {
        return """
                {"type": "action", "name": "add-latency",
                 "provider": {"type": "kintsugi", "func": "add_toxic", "timeout": 1,
                   "arguments": {"api_url": "%s", "proxy": "redis", "type": "latency",
                                 "attributes": {"latency": 1000}}},
                 "pauses": {"after": %s}}
                """.formatted(api, pauseAfter);
    }

    static String removeToxic(String api) {
        return """
                {"type": "action", "name": "remove-latency",
                 "provider": {"type": "kintsugi", "func": "remove_toxic", "timeout": 1,
                   "arguments": {"api_url": "%s", "proxy": "redis", "name": "latency_downstream"}}}
                """.formatted(api);
    }

    private ObjectNode experiment(String method, String rollbacks) throws Exception {
        return ExperimentLoader.parse("""
                {"title": "latency on redis is tolerated", "description": "d",
                 "steady-state-hypothesis": {"title": "app is healthy", "probes": [
                   {"type": "probe", "name": "health", "tolerance": 200,
                    "provider": {"type": "http", "url": "%s", "timeout": 1}}]},
                 "method": %s, "rollbacks": %s}
                """.formatted(app.url("/health"), method, rollbacks), "e.json");
    }

    @Test
    void everyToxicCarriesALeaseCoveringTheRunsExpectedEndPlusTheMargin() throws Exception {
        ObjectNode experiment =
                experiment("[" + addToxic(toxiproxy.url(), 2) + "]", "[" + removeToxic(toxiproxy.url()) + "]");
        // a clock that stands still: the lease is exactly the expected run plus the margin, however slow the machine
        Clock still = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        Runner runner = Runner.prepare(
                experiment,
                RunOptions.defaults().withLeaseMargin(Duration.ofSeconds(7)).withClock(still));
        RunResult result = runner.run();

        assertThat(result.exitCode()).isZero();
        FakeToxiproxy.Call add = toxiproxy.calls.stream()
                .filter(c -> c.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(add.path()).isEqualTo("/proxies/redis/toxics");
        assertThat(add.body().path("type").asText()).isEqualTo("latency");
        assertThat(add.body().path("stream").asText()).isEqualTo("downstream");
        assertThat(add.body().path("attributes").path("latency").asInt()).isEqualTo(1000);
        long lease = add.body().path("ttl_ms").asLong();
        // expected run: add (1 s budget) + 2 s pause + hypothesis after (1 s) + rollback (1 s) = 5 s, minus what
        // already elapsed (nothing, by this clock), plus 7 s of margin
        assertThat(runner.expectedDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(lease).isEqualTo(12_000L);
        assertThat(toxiproxy.toxics).isEmpty();
        assertThat(toxiproxy.removedBy).containsEntry("redis/latency_downstream", "api");
        assertThat(result.journal()
                        .path("run")
                        .get(0)
                        .path("output")
                        .path("ttl_ms")
                        .asLong())
                .isEqualTo(lease);
    }

    @Test
    void aFaultNoRollbackRemovedIsRevertedWhenTheRunFails() throws Exception {
        ObjectNode experiment = experiment(
                "[" + addToxic(toxiproxy.url(), 0) + ", {\"type\": \"action\", \"name\": \"disable\","
                        + " \"provider\": {\"type\": \"kintsugi\", \"func\": \"disable_proxy\","
                        + " \"arguments\": {\"api_url\": \"" + toxiproxy.url() + "\", \"proxy\": \"pg\"}}}]",
                "[]");
        app.status.set(200);
        Runner runner = Runner.prepare(experiment, RunOptions.defaults().withListener(new ProgressListener() {
            @Override
            public void activityFinished(String section, JsonNode run) {
                if (run.path("activity").path("name").asText().equals("disable")) {
                    app.status.set(500);
                }
            }
        }));
        RunResult result = runner.run();
        assertThat(result.deviated()).isTrue();
        assertThat(toxiproxy.toxics).isEmpty();
        assertThat(toxiproxy.disabled).isEmpty();
        assertThat(result.journal().path("rollbacks")).hasSize(2);
        assertThat(toxiproxy.calls.stream()
                        .filter(c -> c.path().equals("/proxies/pg"))
                        .findFirst()
                        .orElseThrow()
                        .body()
                        .path("ttl_ms")
                        .asLong())
                .isPositive();
    }

    @Test
    void guardrailBreachStopsThePauseAndRemovesTheToxic() throws Exception {
        ObjectNode experiment =
                experiment("[" + addToxic(toxiproxy.url(), 600) + "]", "[" + removeToxic(toxiproxy.url()) + "]");
        // the application breaks once the toxic is in and a guardrail probe has seen it healthy
        ProgressListener breaker = new ProgressListener() {
            @Override
            public void activityFinished(String section, JsonNode run) {
                if (section.equals("guardrail") && !toxiproxy.toxics.isEmpty()) {
                    app.status.set(500);
                }
            }
        };
        RunResult result = Runner.prepare(
                        experiment,
                        RunOptions.defaults()
                                .withStrategies(null, "continuously", 0.25, null)
                                .withListener(breaker))
                .run();
        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.deviated()).isTrue();
        assertThat(toxiproxy.toxics).isEmpty();
        assertThat(toxiproxy.removedBy).containsEntry("redis/latency_downstream", "api");
        // how fast is a benchmark (GuardrailBenchmarkTest, docs/benchmarks.md); here: measured, and the ten-minute
        // pause was cut short by the breach rather than waited out
        assertThat(result.guardrailReaction()).isNotNull().isPositive();
        assertThat(result.journal().path("duration").asDouble()).isLessThan(600.0);
    }

    @Test
    void unknownFunctionsAndMissingArgumentsAreInvalid() throws Exception {
        ObjectNode experiment = experiment(
                "[{\"type\": \"action\", \"name\": \"x\", \"provider\": {\"type\": \"kintsugi\", \"func\": \"nuke\"}},"
                        + "{\"type\": \"action\", \"name\": \"y\", \"provider\": {\"type\": \"kintsugi\","
                        + " \"func\": \"add_toxic\", \"arguments\": {\"proxy\": \"p\"}}}]",
                "[]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Runner.prepare(experiment, RunOptions.defaults()))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("'nuke' is unknown")
                .hasMessageContaining("add_toxic requires the argument 'type'");
    }
}
