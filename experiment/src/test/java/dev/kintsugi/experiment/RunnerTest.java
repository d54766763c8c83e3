package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RunnerTest {

    private static final String RFC3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

    @TempDir
    Path dir;

    TestHttpServer app;

    @BeforeEach
    void start() throws Exception {
        app = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    static RunResult run(ObjectNode experiment, RunOptions options) throws InvalidExperimentException {
        return Runner.prepare(experiment, options).run();
    }

    static RunOptions options() {
        return RunOptions.defaults().withLeaseMargin(Duration.ofSeconds(5));
    }

    /** Every key of the fixture journal (at each level we compare) is in ours, with the same JSON type. */
    static void assertSameShape(JsonNode fixture, JsonNode ours) {
        for (String key : fixture.propertyNames()) {
            if (key.equals("chaoslib-version")) {
                continue;
            }
            assertThat(ours.has(key)).as("journal has '%s'", key).isTrue();
        }
        for (String ts : List.of("start", "end")) {
            assertThat(ours.path(ts).asText()).matches(RFC3339);
        }
        assertThat(ours.path("steady_states").has("before")).isTrue();
        assertThat(ours.path("steady_states").has("after")).isTrue();
        assertThat(ours.path("steady_states").path("during").isArray()).isTrue();
        List<JsonNode> entries = new ArrayList<>();
        ours.path("run").forEach(entries::add);
        ours.path("rollbacks").forEach(entries::add);
        ours.path("steady_states").path("before").path("probes").forEach(entries::add);
        ours.path("steady_states").path("after").path("probes").forEach(entries::add);
        JsonNode fixtureRun = fixture.path("run").path(0);
        for (JsonNode entry : entries) {
            for (String key : fixtureRun.propertyNames()) {
                assertThat(entry.has(key))
                        .as("run entry has '%s': %s", key, entry)
                        .isTrue();
            }
            assertThat(entry.path("start").asText()).matches(RFC3339);
            assertThat(entry.path("end").asText()).matches(RFC3339);
            assertThat(entry.path("duration").isNumber()).isTrue();
            if (entry.path("status").asText().equals("failed")) {
                assertThat(entry.path("exception").isArray()).isTrue();
            }
        }
        for (JsonNode probe : ours.path("steady_states").path("before").path("probes")) {
            assertThat(probe.has("tolerance_met")).isTrue();
        }
    }

    @Test
    void redisJournalExperimentRunsAgainstLocalServersAndItsJournalHasTheFixtureShape() throws Exception {
        ObjectNode fixture = Fixtures.experiment("ctk-journal-redis-completed.json");
        ObjectNode experiment = (ObjectNode) fixture.get("experiment").deepCopy();
        experiment.remove("dry");
        Path docker = script("docker", "echo redis");
        for (JsonNode a : experiment.path("method")) {
            ObjectNode provider = (ObjectNode) a.get("provider");
            if (provider.path("type").asText().equals("http")) {
                provider.put("url", app.url("/health"));
            } else {
                provider.put("path", docker.toString());
            }
        }
        ((ObjectNode) experiment
                        .path("steady-state-hypothesis")
                        .path("probes")
                        .get(0)
                        .get("provider"))
                .put("url", app.url("/health"));

        RunResult result = run(experiment, options());

        assertThat(result.status()).isEqualTo("completed");
        assertThat(result.exitCode()).isZero();
        JsonNode journal = result.journal();
        assertSameShape(fixture, journal);
        assertThat(journal.path("deviated").asBoolean()).isFalse();
        assertThat(journal.path("run")).hasSize(3);
        assertThat(journal.path("run").get(0).path("output").path("stdout").asText())
                .isEqualTo("redis\n");
        assertThat(journal.path("run").get(0).path("output").path("status").asInt())
                .isZero();
        JsonNode http = journal.path("steady_states")
                .path("before")
                .path("probes")
                .get(0)
                .path("output");
        assertThat(http.path("status").asInt()).isEqualTo(200);
        assertThat(http.path("headers").isObject()).isTrue();
        assertThat(http.path("body").asText()).isEqualTo("{\"status\":\"ok\",\"redis\":\"pong\"}");
        // the activity in the journal is the activity as written
        assertThat(journal.path("run").get(0).path("activity"))
                .isEqualTo(experiment.path("method").get(0));
    }

    @Test
    void lab2WithoutItsPythonActivitiesRunsItsJsonPathToleranceAndBackgroundActivity() throws Exception {
        ObjectNode experiment = Fixtures.withoutPython(Fixtures.experiment("ctk-demos-lab2-latency-jsonpath.json"));
        RunOptions options = options().withVariables(Map.of("FRONT_URL", app.url("/")), Map.of(), Map.of());

        RunResult result = run(experiment, options);

        assertSameShape(Fixtures.experiment("ctk-journal-redis-completed.json"), result.journal());
        assertThat(result.journal()
                        .path("steady_states")
                        .path("after")
                        .path("steady_state_met")
                        .asBoolean())
                .isTrue();
        // vegeta is not installed here: the activities fail, the run goes on, as in Chaos Toolkit
        assertThat(result.journal().path("run")).hasSize(2);
        assertThat(result.exitCode()).isZero();

        app.body = "{\"error\": \"boom\"}";
        RunResult deviated = run(experiment, options);
        assertThat(deviated.journal()
                        .path("steady_states")
                        .path("before")
                        .path("steady_state_met")
                        .asBoolean())
                .isFalse();
        assertThat(deviated.status()).isEqualTo("failed");
        assertThat(deviated.journal().path("run")).isEmpty();
        assertThat(deviated.exitCode()).isEqualTo(1);
    }

    @Test
    void checkFileExistsRunsDryWithoutTouchingAnything() throws Exception {
        ObjectNode experiment = Fixtures.withoutPython(Fixtures.experiment("ctk-check-file-exists-process.json"));
        experiment.withArray("method").get(0).withObject("provider").put("arguments", dir + "/touched");
        RunResult result = run(experiment, options().withDry(Dry.ACTIONS));
        assertThat(result.exitCode()).isZero();
        assertThat(dir.resolve("touched")).doesNotExist();
        assertThat(result.journal().path("run").get(0).path("output").isNull()).isTrue();
        assertThat(result.journal().path("experiment").path("dry").asText()).isEqualTo("actions");

        result = run(experiment, options());
        assertThat(dir.resolve("touched")).exists();
    }

    private ObjectNode experiment(String method, String rollbacks) throws Exception {
        return ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "app is healthy", "probes": [
                   {"type": "probe", "name": "health", "tolerance": 200,
                    "provider": {"type": "http", "url": "%s", "timeout": 2}}]},
                 "method": %s,
                 "rollbacks": %s}
                """.formatted(app.url("/health"), method, rollbacks), "e.json");
    }

    private String touch(String name, String file) {
        return "{\"type\": \"action\", \"name\": \"" + name + "\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"touch\", \"arguments\": [\"" + dir.resolve(file) + "\"]}}";
    }

    private String fail(String name) {
        return "{\"type\": \"action\", \"name\": \"" + name + "\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"/nonexistent/binary\"}}";
    }

    @Test
    void deviationRunsEveryRollbackEvenWhenOneFails() throws Exception {
        String flip = "{\"type\": \"action\", \"name\": \"break-app\", \"provider\": {\"type\": \"http\","
                + " \"url\": \"" + app.url("/break") + "\"}}";
        ObjectNode experiment = experiment("[" + flip + "]", "[" + fail("r1") + ", " + touch("r2", "r2") + "]");
        app.status.set(200);
        // the app breaks once the method ran: after-hypothesis sees 500
        RunResult result = Runner.prepare(experiment, options().withListener(new ProgressListener() {
                    @Override
                    public void activityFinished(String section, JsonNode run) {
                        if (run.path("activity").path("name").asText().equals("break-app")) {
                            app.status.set(500);
                        }
                    }
                }))
                .run();
        assertThat(result.deviated()).isTrue();
        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.journal().path("rollbacks")).hasSize(2);
        assertThat(result.journal().path("rollbacks").get(0).path("status").asText())
                .isEqualTo("failed");
        assertThat(dir.resolve("r2")).exists();
    }

    @Test
    void neverMeansNeverAndNoActionMeansNothingToRollBack() throws Exception {
        app.status.set(500);
        ObjectNode experiment = experiment("[" + touch("a", "a") + "]", "[" + touch("r", "r") + "]");
        RunResult before = run(experiment, options());
        assertThat(before.status()).isEqualTo("failed");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(before.journal().path("rollbacks")).isEmpty();

        app.status.set(200);
        experiment.putObject("runtime").putObject("rollbacks").put("strategy", "never");
        RunResult never = run(experiment, options());
        assertThat(dir.resolve("a")).exists();
        assertThat(dir.resolve("r")).doesNotExist();
        assertThat(never.journal().path("rollbacks")).isEmpty();

        RunResult always = run(experiment, options().withStrategies("always", null, null, null));
        assertThat(dir.resolve("r")).exists();
        assertThat(always.journal().path("rollbacks")).hasSize(1);
    }

    @Test
    void guardrailBreachStopsTheMethodAtOnceAndRollsBack() throws Exception {
        String inject = touch("inject", "fault");
        String wait = "{\"type\": \"action\", \"name\": \"long-wait\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"sleep\", \"arguments\": \"30\"}}";
        String remove = "{\"type\": \"action\", \"name\": \"remove\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"rm\", \"arguments\": [\"-f\", \"" + dir.resolve("fault") + "\"]}}";
        ObjectNode experiment = experiment("[" + inject + ", " + wait + "]", "[" + remove + "]");
        // the application breaks once the fault is in and a guardrail probe has seen it healthy
        ProgressListener breaker = new ProgressListener() {
            @Override
            public void activityFinished(String section, JsonNode run) {
                if (section.equals("guardrail") && Files.exists(dir.resolve("fault"))) {
                    app.status.set(503);
                }
            }
        };
        RunResult result = run(
                experiment,
                options().withStrategies(null, "continuously", 0.25, null).withListener(breaker));

        assertThat(result.deviated()).isTrue();
        assertThat(result.status()).isEqualTo("failed");
        assertThat(dir.resolve("fault")).doesNotExist();
        // measured (its figures are a benchmark: GuardrailBenchmarkTest, docs/benchmarks.md)
        assertThat(result.guardrailReaction()).isNotNull().isPositive();
        assertThat(result.journal().path("steady_states").path("during").size()).isGreaterThanOrEqualTo(2);
        assertThat(result.journal().path("steady_states").path("after").isNull())
                .isTrue();
        JsonNode longWait = result.journal().path("run").get(1);
        assertThat(longWait.path("status").asText()).isEqualTo("failed");
        assertThat(longWait.path("exception").get(0).asText()).contains("guardrail");
    }

    @Test
    void interruptStopsTheMethodAndRollsBack() throws Exception {
        String pause = "{\"type\": \"action\", \"name\": \"inject\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"touch\", \"arguments\": [\"" + dir.resolve("fault") + "\"]},"
                + " \"pauses\": {\"after\": 30}}";
        String remove = "{\"type\": \"action\", \"name\": \"remove\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"rm\", \"arguments\": [\"-f\", \"" + dir.resolve("fault") + "\"]}}";
        Runner runner = Runner.prepare(experiment("[" + pause + "]", "[" + remove + "]"), options());
        Thread signal = new Thread(() -> {
            try {
                while (!Files.exists(dir.resolve("fault"))) {
                    Thread.sleep(20);
                }
                runner.interrupt("SIGTERM");
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        signal.start();
        RunResult result = runner.run();
        assertThat(result.status()).isEqualTo("interrupted");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(dir.resolve("fault")).doesNotExist();
        assertThat(result.journal().path("rollbacks")).hasSize(1);
    }

    @Test
    void hypothesisStrategiesChooseWhenTheHypothesisRuns() throws Exception {
        ObjectNode experiment = experiment("[" + touch("a", "a") + "]", "[]");
        RunResult beforeOnly = run(experiment, options().withStrategies(null, "before-method-only", null, null));
        assertThat(beforeOnly.journal().path("steady_states").path("before").isObject())
                .isTrue();
        assertThat(beforeOnly.journal().path("steady_states").path("after").isNull())
                .isTrue();

        RunResult afterOnly = run(experiment, options().withStrategies(null, "after-method-only", null, null));
        assertThat(afterOnly.journal().path("steady_states").path("before").isNull())
                .isTrue();
        assertThat(afterOnly.journal().path("steady_states").path("after").isObject())
                .isTrue();

        RunResult during = run(experiment, options().withStrategies(null, "during-method-only", 0.05, null));
        assertThat(during.journal().path("steady_states").path("before").isNull())
                .isTrue();
        assertThat(during.journal().path("steady_states").path("after").isNull())
                .isTrue();
        assertThat(during.exitCode()).isZero();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Runner.prepare(experiment, options().withStrategies(null, "continuously", 0.0, null)))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("frequency");
    }
}
