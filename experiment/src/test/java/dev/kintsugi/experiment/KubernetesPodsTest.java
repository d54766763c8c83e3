package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pod deletion against fabric8's mock Kubernetes API server (CRUD mode). */
class KubernetesPodsTest {

    KubernetesMockServer server;
    NamespacedKubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        pods("default", "web", 5);
        pods("default", "db", 2);
        pods("other", "web", 3);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void pods(String namespace, String app, int count) {
        for (int i = 0; i < count; i++) {
            client.pods()
                    .inNamespace(namespace)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName(app + "-" + i)
                            .withNamespace(namespace)
                            .addToLabels("app", app)
                            .addToLabels("tier", "backend")
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    private int count(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel("app", app)
                .list()
                .getItems()
                .size();
    }

    private RunResult deletePods(String arguments) throws Exception {
        String url = client.getConfiguration().getMasterUrl();
        var experiment = ExperimentLoader.parse("""
                {"title": "web survives losing pods", "description": "d",
                 "method": [{"type": "action", "name": "kill-web-pods",
                   "provider": {"type": "kintsugi", "func": "delete_pods",
                     "arguments": {"api_url": "%s", "namespace": "default", %s}}}]}
                """.formatted(url, arguments), "k8s.json");
        return Runner.prepare(experiment, RunOptions.defaults()).run();
    }

    @Test
    void deletesAtMostMaxCountPodsMatchingTheSelectorInTheNamespace() throws Exception {
        RunResult result = deletePods("\"label_selector\": \"app=web,tier=backend\", \"max_count\": 2");
        assertThat(result.exitCode()).isZero();
        JsonNode output = result.journal().path("run").get(0).path("output");
        assertThat(output.path("matched").asInt()).isEqualTo(5);
        assertThat(output.path("deleted")).hasSize(2);
        output.path("deleted").forEach(n -> assertThat(n.asText()).startsWith("web-"));
        assertThat(count("default", "web")).isEqualTo(3);
        assertThat(count("default", "db")).isEqualTo(2);
        assertThat(count("other", "web")).isEqualTo(3);
    }

    @Test
    void maxPercentRoundsDownAndBothLimitsApply() throws Exception {
        deletePods("\"label_selector\": \"app=web\", \"max_percent\": 50"); // 5 → floor(2.5) = 2
        assertThat(count("default", "web")).isEqualTo(3);
        deletePods("\"label_selector\": \"app=web\", \"max_percent\": 100, \"max_count\": 1");
        assertThat(count("default", "web")).isEqualTo(2);
        deletePods("\"label_selector\": \"app=web\""); // neither: one pod
        assertThat(count("default", "web")).isEqualTo(1);
        deletePods("\"label_selector\": \"app=web\", \"max_percent\": 60"); // floor(0.6) = 0
        assertThat(count("default", "web")).isEqualTo(1);
        assertThat(count("default", "db")).isEqualTo(2);
    }

    @Test
    void noMatchingPodFailsTheActivity() throws Exception {
        RunResult result = deletePods("\"label_selector\": \"app=nothing\", \"max_count\": 3");
        assertThat(result.journal().path("run").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(result.journal().path("run").get(0).path("exception").get(0).asText())
                .contains("no pod matches");
    }

    @Test
    void aHostGivesTheClusterAndTheExperimentMayNotNameItsOwn() throws Exception {
        String url = client.getConfiguration().getMasterUrl();
        var naming = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "kill-web-pods",
                   "provider": {"type": "kintsugi", "func": "delete_pods",
                     "arguments": {"api_url": "%s", "token": "stolen", "label_selector": "app=web"}}}]}
                """.formatted(url), "k8s.json");
        var hostOptions = RunOptions.forHost()
                .withKubernetes(KubernetesAccess.of(new io.fabric8.kubernetes.client.ConfigBuilder()
                        .withMasterUrl(url)
                        .withTrustCerts(true)
                        .build()));
        JsonNode refused =
                Runner.prepare(naming, hostOptions).run().journal().path("run").get(0);
        assertThat(refused.path("status").asString()).isEqualTo("failed");
        assertThat(refused.path("exception").get(0).asString()).contains("may not name its own 'api_url' or 'token'");
        assertThat(count("default", "web")).isEqualTo(5);

        var plain = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "kill-web-pods",
                   "provider": {"type": "kintsugi", "func": "delete_pods",
                     "arguments": {"label_selector": "app=web"}}}]}
                """, "k8s.json");
        assertThat(Runner.prepare(plain, hostOptions).run().exitCode()).isZero();
        assertThat(count("default", "web")).isEqualTo(4);

        JsonNode none = Runner.prepare(plain, RunOptions.forHost())
                .run()
                .journal()
                .path("run")
                .get(0);
        assertThat(none.path("exception").get(0).asString()).contains("no Kubernetes cluster is configured");
    }
}
