package dev.kintsugi.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monkey's terminations against real parts: fabric8's mock Kubernetes API server (the selector, the group's
 * labels, Netflix's exceptions and the targets never touched decide which pods may go), a real child process
 * signalled through its pid file, and a Chaos Monkey for Spring Boot actuator (WireMock answering with the
 * project's documented responses) enabled and disabled again.
 */
class MonkeyActionsTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosTargets targets;

    @Autowired
    TargetRepository targetRows;

    @Autowired
    ChaosProperties chaosProperties;

    private MonkeyActions actions(String kubernetesUrl, Map<String, MonkeyProperties.RegisteredProcess> processes) {
        ChaosProperties p = new ChaosProperties(
                chaosProperties.blockingSeverities(),
                chaosProperties.maxParallelRuns(),
                chaosProperties.leaseMargin(),
                Duration.ofSeconds(5),
                new ChaosProperties.Kubernetes(kubernetesUrl, null),
                chaosProperties.killSwitchPoll());
        return new MonkeyActions(
                targetRows, new FaultReverter(p, null), new MonkeyProperties(null, processes, null, null), p);
    }

    private long serviceWith(TargetDraft target) {
        String service = unique("monkey-act");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        Actor.runAs("engineer", Role.CHAOS_ENGINEER, () -> targets.addTarget(service, target));
        return tx.execute(s -> catalog.service(service).id());
    }

    private static MonkeySettings settings(
            long serviceId,
            MonkeyTermination termination,
            String target,
            List<MonkeyGroups.Rule> exceptions,
            List<String> exceptTargets) {
        return new MonkeySettings(
                serviceId,
                true,
                false,
                1,
                0,
                MonkeyGroups.Grouping.APP,
                false,
                null,
                null,
                null,
                null,
                exceptions,
                null,
                exceptTargets,
                termination,
                target,
                1,
                "UTC",
                MonkeySettings.defaults(0).workDays(),
                MonkeySettings.defaults(0).dayStart(),
                MonkeySettings.defaults(0).dayEnd(),
                null,
                null,
                null,
                false,
                0,
                null,
                1);
    }

    private static void pod(NamespacedKubernetesClient client, String name, String app, String env, String region) {
        client.pods()
                .inNamespace("shop")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("shop")
                        .addToLabels("app", app)
                        .addToLabels(MonkeyActions.ENVIRONMENT_LABEL, env)
                        .addToLabels(MonkeyActions.REGION_LABEL, region)
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void podDeletionKeepsToTheSelectorAndNeverTouchesTheExceptions() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        try (NamespacedKubernetesClient client = server.createClient()) {
            pod(client, "web-prod-us-1", "web", "prod", "us-east-1");
            pod(client, "web-prod-us-2", "web", "prod", "us-east-1");
            pod(client, "web-prod-us-keep", "web", "prod", "us-east-1");
            pod(client, "web-prod-eu-1", "web", "prod", "eu-west-1");
            pod(client, "web-test-us-1", "web", "test", "us-east-1");
            pod(client, "db-prod-us-1", "db", "prod", "us-east-1");
            long serviceId = serviceWith(new TargetDraft(TargetKind.KUBERNETES, "pods", null, null, "shop", "app=web"));
            MonkeyActions actions = actions(client.getConfiguration().getMasterUrl(), Map.of());
            // Netflix's exceptions fixture: every test account, and prod in eu-west-1
            MonkeySettings s = settings(
                    serviceId,
                    MonkeyTermination.POD,
                    "pods",
                    List.of(
                            new MonkeyGroups.Rule("test", "*", "*", "*"),
                            new MonkeyGroups.Rule("prod", "*", "*", "eu-west-1")),
                    List.of("web-prod-us-keep"));
            SplittableRandom random = new SplittableRandom(3);
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Optional<MonkeyActions.Chosen> c = actions.choose(s, "*/*/*", random);
                if (c.isEmpty()) {
                    break;
                }
                actions.terminate(s, c.get(), Instant.now());
                deleted.add(c.get().name());
            }
            assertThat(deleted).containsExactlyInAnyOrder("web-prod-us-1", "web-prod-us-2");
            assertThat(client.pods().inNamespace("shop").list().getItems())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder("web-prod-us-keep", "web-prod-eu-1", "web-test-us-1", "db-prod-us-1");

            // a group narrows the selector: only prod pods in us-east-1 (there are none left but the kept one)
            pod(client, "web-prod-us-3", "web", "prod", "us-east-1");
            Optional<MonkeyActions.Chosen> narrowed = actions.choose(s, "prod/*/us-east-1", random);
            assertThat(narrowed).map(MonkeyActions.Chosen::name).contains("web-prod-us-3");
            assertThat(actions.choose(s, "test/*/*", random))
                    .as("test is an exception")
                    .isEmpty();
        } finally {
            server.destroy();
        }
    }

    @Test
    void aRegisteredProcessIsSignalled() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        Path pidFile = Files.createTempFile("monkey", ".pid");
        try {
            Files.writeString(pidFile, child.pid() + "\n");
            long serviceId =
                    serviceWith(new TargetDraft(TargetKind.HTTP, "health", "http://127.0.0.1:9/", null, null, null));
            MonkeyActions actions =
                    actions(null, Map.of("worker", new MonkeyProperties.RegisteredProcess(pidFile.toString(), null)));
            MonkeySettings s = settings(serviceId, MonkeyTermination.PROCESS, "worker", List.of(), List.of());
            MonkeyActions.Chosen c =
                    actions.choose(s, "*/*/*", new SplittableRandom(1)).orElseThrow();
            assertThat(c.description()).isEqualTo("process worker (pid " + child.pid() + ")");
            MonkeySettings excepted =
                    settings(serviceId, MonkeyTermination.PROCESS, "worker", List.of(), List.of("worker"));
            assertThat(actions.choose(excepted, "*/*/*", new SplittableRandom(1)))
                    .isEmpty();
            assertThat(child.isAlive()).isTrue();

            actions.terminate(s, c, Instant.now());
            assertThat(child.waitFor(20, TimeUnit.SECONDS))
                    .as("the child ended")
                    .isTrue();
            assertThat(child.exitValue()).as("SIGTERM").isEqualTo(143);
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(pidFile);
        }
    }

    @Test
    void aSpringBootAssaultIsEnabledThenDisabled() throws Exception {
        WireMockServer actuator =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        actuator.start();
        try {
            actuator.stubFor(post(urlEqualTo("/actuator/chaosmonkey/enable"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(ChaosMonkeyTest.fixture("cm4sb-post-enable-response.json"))));
            actuator.stubFor(post(urlEqualTo("/actuator/chaosmonkey/disable"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(ChaosMonkeyTest.fixture("cm4sb-post-disable-response.json"))));
            String url = "http://127.0.0.1:" + actuator.port() + "/actuator";
            long serviceId = serviceWith(new TargetDraft(TargetKind.CHAOS_MONKEY, "cm4sb", url, null, null, null));
            MonkeyActions actions = actions(null, Map.of());
            MonkeySettings s =
                    settings(serviceId, MonkeyTermination.SPRING_BOOT_ASSAULT, "cm4sb", List.of(), List.of());
            MonkeyActions.Chosen c =
                    actions.choose(s, "*/*/*", new SplittableRandom(1)).orElseThrow();
            Instant now = Instant.parse("2026-12-01T10:00:00Z");
            assertThat(actions.terminate(s, c, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
            actuator.verify(1, postRequestedFor(urlEqualTo("/actuator/chaosmonkey/enable")));
            actuator.verify(0, postRequestedFor(urlEqualTo("/actuator/chaosmonkey/disable")));
            actions.endAssault(url);
            actuator.verify(
                    1,
                    postRequestedFor(urlEqualTo("/actuator/chaosmonkey/disable"))
                            .withHeader("Content-Type", equalTo("application/json")));
        } finally {
            actuator.stop();
        }
    }
}
