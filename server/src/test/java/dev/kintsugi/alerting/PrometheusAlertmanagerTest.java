package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.TimelineEntryKind;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Real senders: Debian's Prometheus evaluates a rule against a scrape target this test serves, Debian's
 * Alertmanager delivers the alert to Kintsugi's webhook, the group opens (and its incident); then the target
 * flips, the rule stops firing, and the resolution flows back. Skipped only when the binaries are absent and
 * {@code KINTSUGI_REQUIRE_PROMETHEUS} is not {@code true}.
 */
class PrometheusAlertmanagerTest extends AlertingFixtures {
    private static final String PROMETHEUS = "/usr/bin/prometheus";
    private static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    private final List<Process> processes = new ArrayList<>();
    private HttpServer target;

    @Autowired
    IncidentManagement incidents;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (target != null) {
            target.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process run(Path dir, String name, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(p);
        return p;
    }

    @Test
    void aRuleThatFiresOpensAGroupAndItsResolutionFlowsBack() throws Exception {
        boolean present = new File(PROMETHEUS).canExecute() && new File(ALERTMANAGER).canExecute();
        if (!present) {
            // required (CI): missing binaries fail the build; an assumption would only have skipped the test
            org.junit.jupiter.api.Assertions.assertFalse(
                    "true".equals(System.getenv("KINTSUGI_REQUIRE_PROMETHEUS")),
                    "KINTSUGI_REQUIRE_PROMETHEUS=true but prometheus or prometheus-alertmanager is missing");
            Assumptions.abort("Prometheus is not installed: apt-get install prometheus prometheus-alertmanager");
        }
        organisation();
        JsonNode integration = integration(SourceType.ALERTMANAGER, Map.of("routing", "OPEN_INCIDENT"));
        long integrationId = integration.get("id").asLong();
        Path dir = Files.createTempDirectory("kintsugi-prometheus");

        AtomicInteger value = new AtomicInteger(1);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE kintsugi_test_failing gauge\nkintsugi_test_failing " + value.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();

        int amPort = freePort();
        int promPort = freePort();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                global:
                  resolve_timeout: 5s
                route:
                  receiver: kintsugi
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: kintsugi
                    webhook_configs:
                      - url: http://127.0.0.1:%d/webhooks/alertmanager/%s
                        send_resolved: true
                """.formatted(
                        port, integration.get("key").asString()));
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: kintsugi-test
                    interval: 1s
                    rules:
                      - alert: KintsugiTestFailing
                        expr: kintsugi_test_failing > 0
                        labels:
                          severity: critical
                          service: %s
                        annotations:
                          summary: The test target says it is failing
                          runbook_url: https://runbooks.example.test/failing
                """.formatted(service));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: target
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(
                        amPort, target.getAddress().getPort()));
        run(
                dir,
                "alertmanager",
                ALERTMANAGER,
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=");
        run(
                dir,
                "prometheus",
                PROMETHEUS,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + promPort,
                "--rules.alert.resend-delay=1s");

        JsonNode g = awaitLong(() -> groups(integrationId), x -> x.size() == 1, "the alert from Alertmanager", dir);
        JsonNode group = g.get(0);
        assertThat(group.get("title").asString()).isEqualTo("The test target says it is failing");
        assertThat(group.get("labels").get("alertname").asString()).isEqualTo("KintsugiTestFailing");
        assertThat(group.get("severity").asString()).isEqualTo("SEV2");
        assertThat(group.get("links").toString()).contains("https://runbooks.example.test/failing");
        String incidentKey = group.get("incidentKey").asString();
        assertThat(tx.execute(s -> incidents.get(incidentKey)).services())
                .extracting(dev.kintsugi.incident.IncidentView.ServiceRef::name)
                .containsExactly(service);

        value.set(0); // the target recovers: the rule stops firing
        long id = group.get("id").asLong();
        awaitLong(
                () -> group(id).get("group"),
                x -> x.get("status").asString().equals("RESOLVED"),
                "the resolution",
                dir);
        List<dev.kintsugi.incident.TimelineEntry> timeline = tx.execute(s -> incidents.timeline(incidentKey));
        assertThat(timeline)
                .filteredOn(e -> e.kind() == TimelineEntryKind.ALERT)
                .extracting(e -> e.message().code())
                .containsExactly("alerting.timeline.triggered", "alerting.timeline.resolved");
    }

    private static <T> T awaitLong(
            java.util.function.Supplier<T> value, java.util.function.Predicate<T> check, String what, Path logs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (check.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last + "\nalertmanager: "
                + Files.readString(logs.resolve("alertmanager.log")) + "\nprometheus: "
                + Files.readString(logs.resolve("prometheus.log")));
    }
}
