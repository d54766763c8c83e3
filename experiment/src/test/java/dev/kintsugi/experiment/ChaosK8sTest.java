package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The chaosk8s functions, natively, from unchanged experiment files (src/test/resources/ctk/SOURCES.md) against
 * fabric8's Kubernetes mock server (CRUD mode). The cluster is the host's ({@link KubernetesAccess}), never the
 * experiment's.
 */
class ChaosK8sTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;
    private TestHttpServer app;

    @BeforeEach
    void start() throws Exception {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        app = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
        app.close();
    }

    private RunOptions host() {
        return RunOptions.forHost().withDry(Dry.PAUSE).withKubernetes(KubernetesAccess.of(client.getConfiguration()));
    }

    private void pod(String ns, String name, String app, String phase) {
        client.pods()
                .inNamespace(ns)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .addToLabels("app", app)
                        .endMetadata()
                        .withNewStatus()
                        .withPhase(phase)
                        .endStatus()
                        .build())
                .create();
    }

    private void deployment(String ns, String name, int replicas, int available) {
        client.apps()
                .deployments()
                .inNamespace(ns)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .endSpec()
                        .withNewStatus()
                        .withAvailableReplicas(available)
                        .withReadyReplicas(available)
                        .endStatus()
                        .build())
                .create();
    }

    private int replicas(String ns, String name) {
        return client.apps()
                .deployments()
                .inNamespace(ns)
                .withName(name)
                .get()
                .getSpec()
                .getReplicas();
    }

    private List<String> podNames(String ns) {
        return client.pods().inNamespace(ns).list().getItems().stream()
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }

    @Test
    void k8chaosScaleDeploymentDeviatesAsItsAuthorExpectedAndItsRollbackScalesBack() throws Exception {
        deployment("default", "nginx-deployment", 2, 2);
        List<String> events = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void faultInjecting(Fault fault) {
                events.add("injecting " + fault.description());
            }

            @Override
            public void faultRemoved(Fault fault, String error) {
                events.add("removed " + fault.key());
            }
        };

        RunResult result = Runner.prepare(
                        Fixtures.experiment("k8chaos-scale-deployment.yaml"), host().withListener(listener))
                .run();

        // "Experiment is expected to fail": nothing brings the available replicas down to the new count here
        assertThat(result.deviated()).as(result.journal().toString()).isTrue();
        JsonNode after = result.journal()
                .path("steady_states")
                .path("after")
                .path("probes")
                .path(0);
        assertThat(after.path("exception").toString()).contains("Deployment 'nginx-deployment' is not healthy");
        assertThat(result.journal()
                        .path("steady_states")
                        .path("before")
                        .path("steady_state_met")
                        .asBoolean())
                .isTrue();
        assertThat(result.journal().path("rollbacks").path(0).path("status").asString())
                .isEqualTo("succeeded");
        assertThat(replicas("default", "nginx-deployment")).isEqualTo(2);
        assertThat(events)
                .containsExactly(
                        "injecting deployment default/nginx-deployment scaled from 2 to 0",
                        "removed k8s-scaled:default/nginx-deployment");
    }

    @Test
    void aScaledDeploymentIsScaledBackFromItsRecordAfterACrash() throws Exception {
        deployment("default", "nginx-deployment", 2, 2);
        List<Fault> journalled = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void faultInjecting(Fault fault) {
                journalled.add(fault);
            }
        };
        // 'never': neither the rollback nor the leftover revert runs, as if the host had died mid-run
        Runner.prepare(
                        Fixtures.experiment("k8chaos-scale-deployment.yaml"),
                        host().withListener(listener).withStrategies("never", null, null, null))
                .run();
        assertThat(replicas("default", "nginx-deployment")).isZero();

        new FaultReverter(Duration.ofSeconds(5), KubernetesAccess.of(client.getConfiguration()))
                .revert(journalled.getFirst().toJson());

        assertThat(replicas("default", "nginx-deployment")).isEqualTo(2);
    }

    @Test
    void k8chaosTerminatePodDeletesOnePodWhoseNameMatches() throws Exception {
        deployment("default", "nginx-deployment", 3, 3);
        pod("default", "nginx-deployment-5d59d67564-a", "nginx", "Running");
        pod("default", "nginx-deployment-5d59d67564-b", "nginx", "Running");
        pod("default", "nginx-canary", "nginx", "Running");
        pod("default", "redis-0", "redis", "Running");

        RunResult result = Runner.prepare(Fixtures.experiment("k8chaos-terminate-pod.yaml"), host())
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        JsonNode deleted = result.journal().path("run").path(0).path("output");
        assertThat(deleted).hasSize(1);
        assertThat(deleted.path(0).asString()).startsWith("nginx-deployment-");
        assertThat(podNames("default")).hasSize(3).contains("nginx-canary", "redis-0");
    }

    @Test
    void playgroundKillPodsTakesItsSettingsFromTheConfigurationAndDeletesTheFirstTwo() throws Exception {
        for (String name : List.of("web-2", "web-0", "web-1")) {
            pod("shop", name, "web", "Running");
        }
        pod("other", "web-9", "web", "Running");
        RunOptions options = host().withVariables(
                        Map.of(),
                        Map.of(
                                "service_url", F.stringNode(app.url("/health")),
                                "pod_label_selector", F.stringNode("app=web"),
                                "pod_namespace", F.stringNode("shop")),
                        Map.of())
                .withPolicy(RunPolicy.permissive().withEnvironment(false));

        List<String> events = new CopyOnWriteArrayList<>();
        options = options.withListener(new ProgressListener() {
            @Override
            public void faultInjecting(Fault fault) {
                events.add("injecting " + fault.description() + " "
                        + podNames("shop").size());
            }

            @Override
            public void faultRemoved(Fault fault, String error) {
                events.add("removed " + fault.key() + " " + error);
            }
        });

        RunResult result = Runner.prepare(Fixtures.experiment("playground-kill-pods-experiment.json"), options)
                .run();

        // the host hears of the deletion before it happens (3 pods still there), and that nothing stays to revert
        assertThat(events)
                .containsExactly(
                        "injecting pods web-0, web-1 deleted in namespace shop 3",
                        "removed k8s-pods-deleted:shop/web-0,web-1 null");
        assertThat(result.journal().path("rollbacks")).isEmpty();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        // rand is False: the first two in alphabetical order, as chaosk8s selects them
        assertThat(result.journal().path("run").path(0).path("output").toString())
                .isEqualTo("[\"web-0\",\"web-1\"]");
        assertThat(podNames("shop")).containsExactly("web-2");
        assertThat(podNames("other")).containsExactly("web-9");
    }

    @Test
    void podAndDeploymentProbesFromTheirSignatures() throws Exception {
        deployment("shop", "web", 3, 3);
        for (int i = 0; i < 3; i++) {
            pod("shop", "web-" + i, "web", "Running");
        }

        // the Deployment controller's part, which the mock server does not play: a deleted pod comes back
        ProgressListener controller = new ProgressListener() {
            @Override
            public void activityFinished(String section, JsonNode run) {
                if (Activities.name(run.path("activity")).equals("web-pods-left")) {
                    pod("shop", "web-3", "web", "Running");
                }
            }
        };

        RunResult result = Runner.prepare(
                        Fixtures.experiment("reconstructed-chaosk8s-probes.json"), host().withListener(controller))
                .run();

        assertThat(result.exitCode()).as(result.journal().toString()).isZero();
        assertThat(result.journal()
                        .path("steady_states")
                        .path("after")
                        .path("probes")
                        .path(0)
                        .path("output")
                        .asInt())
                .isEqualTo(3);
        JsonNode before = result.journal().path("steady_states").path("before").path("probes");
        assertThat(before).hasSize(5);
        assertThat(before.path(0).path("output").asInt()).isEqualTo(3);
        for (int i = 1; i < 5; i++) {
            assertThat(before.path(i).path("output").asBoolean())
                    .as(Activities.name(before.path(i).path("activity")))
                    .isTrue();
        }
        JsonNode run = result.journal().path("run");
        assertThat(run.path(0).path("output").toString()).isEqualTo("[\"web-0\"]"); // delete_pods: one pod
        assertThat(run.path(1).path("output").asInt()).isEqualTo(2);
        assertThat(run.path(2).path("output").asBoolean())
                .as("no db pod, not raising")
                .isFalse();
        assertThat(run.path(2).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aPodNotRunningFailsTheProbesThatRaiseAndCountsOnlyTheRunningOnes() throws Exception {
        deployment("shop", "web", 3, 2);
        pod("shop", "web-0", "web", "Running");
        pod("shop", "web-1", "web", "Running");
        pod("shop", "web-2", "web", "Pending");

        RunResult result = Runner.prepare(Fixtures.experiment("reconstructed-chaosk8s-probes.json"), host())
                .run();

        JsonNode before = result.journal().path("steady_states").path("before");
        assertThat(before.path("steady_state_met").asBoolean()).isFalse();
        JsonNode count = before.path("probes").path(0);
        assertThat(count.path("output").asInt()).isEqualTo(2);
        assertThat(count.path("tolerance_met").asBoolean()).isFalse();
        assertThat(result.journal().path("run")).as("the method never ran").isEmpty();
    }

    @Test
    void otherChaosk8sFunctionsAreRefusedNamingTheirActivities() throws Exception {
        Validator.Result result = Validator.validate(
                Fixtures.experiment("playground-chapter6-drain-node.json"),
                Variables.resolve(
                        Fixtures.experiment("playground-chapter6-drain-node.json"),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        new java.util.ArrayList<>()));
        assertThat(result.problems())
                .hasSize(2)
                .anySatisfy(p -> assertThat(p)
                        .contains("method activity 'drain_node'")
                        .contains("chaosk8s.node.actions.drain_nodes")
                        .contains("does not implement this function natively"))
                .anySatisfy(p -> assertThat(p)
                        .contains("rollbacks activity 'uncordon_node'")
                        .contains("chaosk8s.node.actions.uncordon_node"));
    }
}
