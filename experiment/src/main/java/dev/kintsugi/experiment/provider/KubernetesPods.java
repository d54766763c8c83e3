package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.KubernetesAccess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kintsugi.delete_pods}: deletes pods matching {@code label_selector} in {@code namespace}, at most
 * {@code max_count} of them and at most {@code max_percent} percent of the matching pods (rounded down; both
 * limits apply when both are given; without either, one pod). The cluster comes from the usual kubeconfig or
 * in-cluster configuration (the host's {@link KubernetesAccess}), or, only when that access allows it (the CLI),
 * from {@code api_url} (and optional {@code token}).
 */
final class KubernetesPods {

    private static final Random RANDOM = new SecureRandom();

    private KubernetesPods() {}

    static JsonNode deletePods(JsonNode args, java.time.Duration timeout, RunContext context)
            throws ActivityFailedException, InterruptedException {
        String namespace = args.path("namespace").asText("default");
        String selector = args.path("label_selector").asText();
        KubernetesAccess access = context.kubernetes();
        if (args.has("api_url") || args.has("token")) {
            if (!access.experimentMayNameCluster()) {
                throw new ActivityFailedException("this host gives the Kubernetes cluster and its credentials; the"
                        + " experiment may not name its own 'api_url' or 'token'");
            }
            ConfigBuilder config = new ConfigBuilder(args.has("api_url") ? Config.empty() : Config.autoConfigure(null));
            if (args.has("api_url")) {
                config.withMasterUrl(args.path("api_url").asText())
                        .withTrustCerts(args.path("trust_certs").asBoolean(false));
            }
            if (args.has("token")) {
                config.withOauthToken(args.path("token").asText());
            }
            access = KubernetesAccess.of(config.build());
        }
        try (KubernetesClient client = connect(access, timeout)) {
            List<Pod> pods = new ArrayList<>(client.pods()
                    .inNamespace(namespace)
                    .withLabelSelector(selector)
                    .list()
                    .getItems());
            int limit = limit(args, pods.size());
            Collections.shuffle(pods, RANDOM);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("matched", pods.size());
            var deleted = out.putArray("deleted");
            List<Pod> chosen = pods.subList(0, Math.min(limit, pods.size()));
            String deleting = PodDeletion.announce(context, namespace, chosen);
            for (Pod pod : chosen) {
                var resource = client.pods()
                        .inNamespace(namespace)
                        .withName(pod.getMetadata().getName());
                if (args.path("grace_period_seconds").isNumber()) {
                    resource.withGracePeriod(args.path("grace_period_seconds").asLong())
                            .delete();
                } else {
                    resource.delete();
                }
                deleted.add(pod.getMetadata().getName());
            }
            PodDeletion.done(context, deleting);
            if (pods.isEmpty() && args.path("fail_if_none").asBoolean(true)) {
                throw new ActivityFailedException("no pod matches '" + selector + "' in namespace " + namespace);
            }
            return out;
        } catch (KubernetesClientException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ActivityFailedException(
                    "Kubernetes: " + e.getMessage() + (root == e ? "" : " (" + root + ")"), e);
        }
    }

    /** A client from the host's access; a host with no cluster fails the activity, saying so. */
    static KubernetesClient connect(KubernetesAccess access, java.time.Duration timeout)
            throws ActivityFailedException {
        try {
            return access.connect(timeout);
        } catch (IllegalStateException e) {
            throw new ActivityFailedException(e.getMessage(), e);
        }
    }

    static int limit(JsonNode args, int matched) {
        int limit = Integer.MAX_VALUE;
        boolean any = false;
        if (args.path("max_count").isNumber()) {
            limit = Math.min(limit, args.path("max_count").asInt());
            any = true;
        }
        if (args.path("max_percent").isNumber()) {
            limit = Math.min(
                    limit, (int) Math.floor(matched * args.path("max_percent").asDouble() / 100.0));
            any = true;
        }
        return any ? Math.max(0, limit) : 1;
    }
}
