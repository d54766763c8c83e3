package dev.kintsugi.experiment.provider;

import static dev.kintsugi.experiment.provider.PythonProvider.F;
import static dev.kintsugi.experiment.provider.PythonProvider.defaults;

import dev.kintsugi.experiment.Fault;
import dev.kintsugi.experiment.provider.PythonProvider.Args;
import dev.kintsugi.experiment.provider.PythonProvider.Function;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code chaosk8s} (chaostoolkit-kubernetes 0.39) natively: pod termination and probes, deployment scaling and
 * availability probes, with the extension's argument names, defaults and outputs. The cluster and its credentials
 * are the host's ({@link dev.kintsugi.experiment.KubernetesAccess}): the experiment's {@code secrets} are never
 * used for them. Kubernetes has no leases: a scaled deployment is journalled as a fault and scaled back after the
 * rollbacks unless an activity scaled it again.
 */
final class ChaosK8s {

    private static final Random RANDOM = new SecureRandom();

    private ChaosK8s() {}

    @FunctionalInterface
    interface WithClient {
        JsonNode run(KubernetesClient client) throws ActivityFailedException, InterruptedException;
    }

    static void register(PythonProvider p) {
        Map<String, Object> terminate = defaults(
                "label_selector",
                null,
                "name_pattern",
                null,
                "all",
                false,
                "rand",
                false,
                "mode",
                "fixed",
                "qty",
                1,
                "grace_period",
                -1,
                "ns",
                "default",
                "order",
                "alphabetic");
        p.register(
                "chaosk8s.pod.actions",
                "terminate_pods",
                new Function(List.of(), terminate, ChaosK8s::terminatePods, null, null));
        p.register(
                "chaosk8s.pod.actions",
                "delete_pods",
                new Function(
                        List.of(),
                        defaults("name", null, "ns", "default", "label_selector", null),
                        // deprecated in chaosk8s: terminate_pods(name_pattern=name, label_selector, ns), one pod
                        (a, c) -> terminate(
                                a,
                                c,
                                a.str("label_selector"),
                                a.str("name"),
                                false,
                                false,
                                "fixed",
                                1,
                                -1,
                                a.str("ns"),
                                "alphabetic"),
                        null,
                        null));

        Function inPhase = new Function(
                List.of("label_selector"),
                defaults("phase", "Running", "ns", "default", "raise_on_invalid_phase", true),
                ChaosK8s::podsInPhase,
                null,
                null);
        p.register("chaosk8s.pod.probes", "pods_in_phase", inPhase);
        p.register(
                "chaosk8s.pod.probes",
                "count_pods",
                new Function(
                        List.of("label_selector"),
                        defaults("phase", null, "ns", "default"),
                        ChaosK8s::countPods,
                        null,
                        null));
        Function healthy = new Function(
                List.of(),
                defaults("ns", "default", "raise_on_any_unhealthy", true),
                ChaosK8s::allPodsHealthy,
                null,
                null);
        p.register("chaosk8s.pod.probes", "all_pods_healthy", healthy);
        p.register("chaosk8s.probes", "all_pods_healthy", healthy); // re-exported by chaosk8s.probes
        p.register(
                "chaosk8s.probes",
                "all_microservices_healthy", // deprecated alias of all_pods_healthy
                new Function(List.of(), defaults("ns", "default"), ChaosK8s::allPodsHealthy, null, null));

        p.register(
                "chaosk8s.deployment.actions",
                "scale_deployment",
                new Function(List.of("name", "replicas"), defaults("ns", "default"), ChaosK8s::scale, null, null));

        Function fully = new Function(
                List.of("name"),
                defaults("ns", "default", "label_selector", null, "timeout", 30, "raise_on_not_fully_available", true),
                ChaosK8s::fullyAvailable,
                "timeout",
                null);
        p.register("chaosk8s.deployment.probes", "deployment_fully_available", fully);
        p.register(
                "chaosk8s.probes",
                "deployment_is_fully_available",
                new Function(
                        List.of("name"),
                        defaults("ns", "default", "label_selector", null, "timeout", 30),
                        ChaosK8s::fullyAvailable,
                        "timeout",
                        null));
        // the name the issue uses; chaosk8s itself has it only in chaosk8s.probes (deprecated there)
        p.register("chaosk8s.deployment.probes", "deployment_is_fully_available", fully);

        Function availableAndHealthy = new Function(
                List.of("name"),
                defaults("ns", "default", "label_selector", null, "raise_on_unavailable", true),
                ChaosK8s::availableAndHealthy,
                null,
                null);
        p.register("chaosk8s.deployment.probes", "deployment_available_and_healthy", availableAndHealthy);
        p.register("chaosk8s.probes", "deployment_available_and_healthy", availableAndHealthy); // re-exported
    }

    private static JsonNode withClient(Args a, RunContext c, WithClient body)
            throws ActivityFailedException, InterruptedException {
        try (KubernetesClient client = KubernetesPods.connect(c.kubernetes(), a.timeout)) {
            return body.run(client);
        } catch (KubernetesClientException e) {
            throw new ActivityFailedException(a.name + ": Kubernetes: " + e.getMessage(), e);
        }
    }

    private static List<Pod> pods(KubernetesClient client, String ns, String labelSelector) {
        var pods = client.pods().inNamespace(ns);
        return labelSelector != null && !labelSelector.isEmpty()
                ? pods.withLabelSelector(labelSelector).list().getItems()
                : pods.list().getItems();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static JsonNode terminatePods(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        return terminate(
                a,
                c,
                a.str("label_selector"),
                a.str("name_pattern"),
                a.bool("all"),
                a.bool("rand"),
                a.str("mode"),
                a.integer("qty"),
                a.integer("grace_period"),
                a.str("ns"),
                a.str("order"));
    }

    /** chaosk8s' pod selection, then deletion; the output is the list of deleted pod names. */
    private static JsonNode terminate(
            Args a,
            RunContext c,
            String labelSelector,
            String namePattern,
            boolean all,
            boolean rand,
            String mode,
            int qty,
            int gracePeriod,
            String ns,
            String order)
            throws ActivityFailedException, InterruptedException {
        if (qty < 0) {
            throw new ActivityFailedException("Cannot select pods. Quantity '" + qty + "' is negative.");
        }
        if (!List.of("fixed", "percentage").contains(mode)) {
            throw new ActivityFailedException("Cannot select pods. Mode '" + mode + "' is invalid.");
        }
        if (!List.of("alphabetic", "oldest").contains(order)) {
            throw new ActivityFailedException("Cannot select pods. Order '" + order + "' is invalid.");
        }
        return withClient(a, c, client -> {
            List<Pod> pods = new ArrayList<>(pods(client, ns, labelSelector));
            pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
            if (namePattern != null) {
                Pattern pattern = Pattern.compile(namePattern);
                pods.removeIf(p -> !pattern.matcher(p.getMetadata().getName()).find());
            }
            if (order.equals("oldest")) {
                pods.sort(Comparator.comparing(
                        p -> Objects.toString(p.getMetadata().getCreationTimestamp(), "")));
            }
            List<Pod> chosen = pods;
            if (!all) {
                int n = mode.equals("percentage") ? (int) Math.ceil(qty * pods.size() / 100.0) : qty;
                n = Math.min(n, pods.size());
                if (rand) {
                    chosen = new ArrayList<>(pods);
                    java.util.Collections.shuffle(chosen, RANDOM);
                    chosen = chosen.subList(0, n);
                } else {
                    chosen = pods.subList(0, n);
                }
            }
            ArrayNode deleted = F.arrayNode();
            String deleting = PodDeletion.announce(c, ns, chosen);
            for (Pod pod : chosen) {
                var resource =
                        client.pods().inNamespace(ns).withName(pod.getMetadata().getName());
                if (gracePeriod >= 0) {
                    resource.withGracePeriod(gracePeriod).delete();
                } else {
                    resource.delete();
                }
                deleted.add(pod.getMetadata().getName());
            }
            PodDeletion.done(c, deleting);
            return deleted;
        });
    }

    private static JsonNode podsInPhase(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        String selector = a.str("label_selector");
        String phase = a.str("phase");
        boolean raise = a.bool("raise_on_invalid_phase");
        return withClient(a, c, client -> {
            List<Pod> pods = pods(client, a.str("ns"), selector);
            if (pods.isEmpty()) {
                return failOrFalse(raise, "no pods '" + selector + "' were found");
            }
            for (Pod pod : pods) {
                if (!phase.equals(phase(pod))) {
                    return failOrFalse(
                            raise,
                            "pod '" + selector + "' is in phase '" + phase(pod) + "' but should be '" + phase + "'");
                }
            }
            return F.booleanNode(true);
        });
    }

    private static JsonNode countPods(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        String phase = a.str("phase");
        return withClient(a, c, client -> {
            List<Pod> pods = pods(client, a.str("ns"), a.str("label_selector"));
            if (phase == null || phase.isEmpty()) {
                return F.numberNode(pods.size());
            }
            return F.numberNode(
                    pods.stream().filter(p -> phase.equals(phase(p))).count());
        });
    }

    private static JsonNode allPodsHealthy(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        boolean raise = a.function.defaults().containsKey("raise_on_any_unhealthy") && a.bool("raise_on_any_unhealthy");
        boolean raiseAlways = !a.function.defaults().containsKey("raise_on_any_unhealthy");
        return withClient(a, c, client -> {
            for (Pod pod : pods(client, a.str("ns"), null)) {
                String phase = phase(pod);
                if (!"Running".equals(phase) && !"Succeeded".equals(phase)) {
                    return failOrFalse(raise || raiseAlways, "the system is unhealthy");
                }
            }
            return F.booleanNode(true);
        });
    }

    private static JsonNode failOrFalse(boolean raise, String message) throws ActivityFailedException {
        if (raise) {
            throw new ActivityFailedException(message);
        }
        return F.booleanNode(false);
    }

    /**
     * {@code patch {"spec": {"replicas": n}}}, as chaosk8s does. The first scale of a deployment in a run records
     * its replica count before, as a fault that the leftover revert restores; a later scale of the same deployment
     * (the experiment's own rollback, typically) removes that record.
     */
    private static JsonNode scale(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        String name = a.str("name");
        String ns = a.str("ns");
        int replicas = a.integer("replicas");
        String key = "k8s-scaled:" + ns + "/" + name;
        boolean ours = c.faultsInPlace().stream().anyMatch(f -> f.fault().key().equals(key));
        return withClient(a, c, client -> {
            var resource = client.apps().deployments().inNamespace(ns).withName(name);
            if (!ours) {
                Deployment before = resource.get();
                if (before != null
                        && before.getSpec() != null
                        && before.getSpec().getReplicas() != null) {
                    Fault fault = new Fault(
                            key,
                            Fault.KIND_K8S_SCALED,
                            "deployment " + ns + "/" + name + " scaled from "
                                    + before.getSpec().getReplicas() + " to " + replicas,
                            Map.of(
                                    "namespace",
                                    ns,
                                    "deployment",
                                    name,
                                    "replicas",
                                    Integer.toString(before.getSpec().getReplicas())),
                            null);
                    c.injecting(fault, () -> c.reverter().revert(fault), null);
                }
            }
            try {
                resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"replicas\": " + replicas + "}}");
            } catch (KubernetesClientException e) {
                throw new ActivityFailedException(
                        "failed to scale '" + name + "' to " + replicas + " replicas: " + e.getMessage(), e);
            }
            if (ours) {
                c.removed(key);
            } else {
                c.injected(key);
            }
            return F.nullNode();
        });
    }

    private static List<Deployment> deployments(KubernetesClient client, String ns, String name, String labelSelector) {
        var named = client.apps().deployments().inNamespace(ns).withField("metadata.name", name);
        return labelSelector != null
                ? named.withLabelSelector(labelSelector).list().getItems()
                : named.list().getItems();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static JsonNode availableAndHealthy(Args a, RunContext c)
            throws ActivityFailedException, InterruptedException {
        String name = a.str("name");
        boolean raise = !a.function.defaults().containsKey("raise_on_unavailable") || a.bool("raise_on_unavailable");
        return withClient(a, c, client -> {
            List<Deployment> found = deployments(client, a.str("ns"), name, a.str("label_selector"));
            if (found.isEmpty()) {
                return failOrFalse(raise, "Deployment '" + name + "' was not found");
            }
            for (Deployment d : found) {
                int available = d.getStatus() == null ? 0 : orZero(d.getStatus().getAvailableReplicas());
                if (available != orZero(d.getSpec().getReplicas())) {
                    return failOrFalse(raise, "Deployment '" + name + "' is not healthy");
                }
            }
            return F.booleanNode(true);
        });
    }

    /** Waits (up to {@code timeout} seconds) until the deployment's ready replicas equal its desired replicas. */
    private static JsonNode fullyAvailable(Args a, RunContext c) throws ActivityFailedException, InterruptedException {
        String name = a.str("name");
        int timeout = a.integer("timeout");
        boolean raise = !a.function.defaults().containsKey("raise_on_not_fully_available")
                || a.bool("raise_on_not_fully_available");
        String selector = a.str("label_selector");
        String labels = selector == null ? null : selector.replace("{name}", name);
        return withClient(a, c, client -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            do {
                for (Deployment d : deployments(client, a.str("ns"), name, labels)) {
                    int ready = d.getStatus() == null ? 0 : orZero(d.getStatus().getReadyReplicas());
                    if (ready == orZero(d.getSpec().getReplicas())) {
                        return F.booleanNode(true);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(200);
            } while (System.nanoTime() < deadline);
            return failOrFalse(raise, "deployment '" + name + "' failed to recover within " + timeout + "s");
        });
    }
}
