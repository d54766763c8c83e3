package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.experiment.provider.ProviderRegistry;
import dev.kintsugi.experiment.provider.RunContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KintsugiFunctionsTest {

    static JsonNode run(String func, String arguments, RunContext context) throws Exception {
        JsonNode provider = ExperimentLoader.JSON.readTree("{\"type\": \"kintsugi\", \"func\": \"" + func
                + "\", \"timeout\": 2, \"arguments\": " + arguments + "}");
        return ProviderRegistry.standard().get("kintsugi").run(provider, context);
    }

    @Test
    void tcpConnectProbe() throws Exception {
        try (ServerSocket open = new ServerSocket(0)) {
            assertThat(run(
                                    "tcp_connect",
                                    "{\"host\": \"127.0.0.1\", \"port\": " + open.getLocalPort() + "}",
                                    RunContext.forTests())
                            .asBoolean())
                    .isTrue();
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(run("tcp_connect", "{\"host\": \"127.0.0.1\", \"port\": " + closed + "}", RunContext.forTests())
                        .asBoolean())
                .isFalse();
    }

    @Test
    void prometheusInstantQueryReturnsTheFirstSampleAsANumberForTolerances() throws Exception {
        HttpServer prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> queries = new CopyOnWriteArrayList<>();
        prometheus.createContext("/api/v1/query", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            byte[] body = """
                    {"status":"success","data":{"resultType":"vector","result":[
                      {"metric":{"job":"api"},"value":[1700000000.123,"0.0125"]}]}}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        try {
            String url = "http://127.0.0.1:" + prometheus.getAddress().getPort();
            JsonNode value = run(
                    "prometheus_query",
                    "{\"url\": \"" + url + "\", \"query\": \"rate(errors[1m]) > 0\"}",
                    RunContext.forTests());
            assertThat(value.asDouble()).isEqualTo(0.0125);
            assertThat(queries).containsExactly("query=rate(errors[1m]) > 0");
            assertThat(Tolerances.within(ExperimentLoader.JSON.readTree("[0, 0.05]"), value, (p, v) -> false))
                    .isTrue();
        } finally {
            prometheus.stop(0);
        }
    }

    @Test
    void chaosMonkeyIsEnabledConfiguredAndDisabledAgainAfterAFailedRun() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> calls = new CopyOnWriteArrayList<>();
        app.createContext("/actuator/chaosmonkey", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            byte[] out = "{\"enabled\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        app.start();
        try {
            String actuator = "http://127.0.0.1:" + app.getAddress().getPort() + "/actuator";
            ObjectNode experiment = ExperimentLoader.parse("""
                    {"title": "t", "description": "d",
                     "method": [
                       {"type": "action", "name": "assaults", "provider": {"type": "kintsugi",
                        "func": "chaosmonkey_assaults", "arguments": {"actuator_url": "%1$s",
                        "assaults": {"level": 5, "latencyActive": true, "latencyRangeStart": 2000,
                                     "latencyRangeEnd": 5000, "exceptionsActive": false}}}},
                       {"type": "action", "name": "enable", "provider": {"type": "kintsugi",
                        "func": "chaosmonkey_enable", "arguments": {"actuator_url": "%1$s"}}},
                       {"type": "action", "name": "breaks", "provider": {"type": "process",
                        "path": "sleep", "arguments": "5"}}]}
                    """.formatted(actuator), "cm.json");
            Runner runner = Runner.prepare(experiment, RunOptions.defaults());
            Thread stopper = new Thread(() -> {
                while (calls.size() < 2) {
                    Thread.onSpinWait();
                }
                runner.interrupt("test");
            });
            stopper.start();
            RunResult result = runner.run();
            assertThat(result.status()).isEqualTo("interrupted");
            assertThat(calls).hasSize(3);
            assertThat(calls.get(0))
                    .startsWith("POST /actuator/chaosmonkey/assaults {")
                    .contains("\"level\":5");
            assertThat(calls.get(1)).startsWith("POST /actuator/chaosmonkey/enable");
            assertThat(calls.get(2)).startsWith("POST /actuator/chaosmonkey/disable");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void signalsAProcessTheExperimentStartedAndNeverLeavesItBehind() throws Exception {
        RunContext context = RunContext.forTests();
        JsonNode started =
                run("start_process", "{\"name\": \"worker\", \"path\": \"sleep\", \"arguments\": \"30\"}", context);
        ProcessHandle handle = ProcessHandle.of(started.path("pid").asLong()).orElseThrow();
        run("signal_process", "{\"name\": \"worker\", \"signal\": \"STOP\"}", context);
        awaitState(handle.pid(), true);
        assertThat(context.faultsInPlace())
                .extracting(RunContext.Registered::description)
                .contains("process worker stopped");
        run("signal_process", "{\"name\": \"worker\", \"signal\": \"SIGCONT\"}", context);
        awaitState(handle.pid(), false);
        JsonNode term = run("signal_process", "{\"name\": \"worker\", \"signal\": \"TERM\"}", context);
        assertThat(term.path("alive").asBoolean()).isFalse();
        assertThat(handle.isAlive()).isFalse();
    }

    /** Signals are delivered asynchronously: wait (up to 5 s) for the process to be stopped, or not. */
    private static void awaitState(long pid, boolean stopped) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (state(pid).startsWith("T") != stopped && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(state(pid).startsWith("T")).isEqualTo(stopped);
    }

    private static String state(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2);
    }
}
