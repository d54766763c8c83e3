package dev.kintsugi.experiment;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * The cluster a run's Kubernetes activities reach, and with which credentials: always the host's (the server's
 * configuration, or the kubeconfig for the CLI), never the experiment's.
 */
public interface KubernetesAccess {

    /** A new client (the caller closes it) whose requests give up after {@code timeout}, without retries. */
    KubernetesClient connect(Duration timeout);

    /**
     * Whether {@code kintsugi.delete_pods} may name its own {@code api_url}/{@code token} (only the CLI's kubeconfig
     * access allows that, for experiments written before hosts configured clusters).
     */
    default boolean experimentMayNameCluster() {
        return false;
    }

    /** The usual kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}) or in-cluster configuration: the CLI's. */
    static KubernetesAccess kubeconfig() {
        return new KubernetesAccess() {
            @Override
            public KubernetesClient connect(Duration timeout) {
                return build(Config.autoConfigure(null), timeout);
            }

            @Override
            public boolean experimentMayNameCluster() {
                return true;
            }
        };
    }

    /** A cluster the host configured (API URL, token or certificates, CA): the server's. */
    static KubernetesAccess of(Config config) {
        return timeout -> build(config, timeout);
    }

    /** No cluster: every Kubernetes activity fails, saying so. */
    static KubernetesAccess none() {
        return timeout -> {
            throw new IllegalStateException("no Kubernetes cluster is configured for this run");
        };
    }

    private static KubernetesClient build(Config base, Duration timeout) {
        // one attempt within the activity's timeout: retries with backoff would outlast the run's expected end
        Config config = new ConfigBuilder(base)
                .withRequestTimeout((int) timeout.toMillis())
                .withConnectionTimeout((int) timeout.toMillis())
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
