package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Fault;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pod deletions as faults the host hears of: announced (journalled) before, then in place and at once removed,
 * since a deletion is instantaneous and the pods' controllers recreate them: nothing is left to revert.
 */
final class PodDeletion {

    private PodDeletion() {}

    /** Announces the deletion of {@code pods} before it happens; returns its key ({@code null} when none). */
    static String announce(RunContext context, String namespace, List<Pod> pods) throws ActivityFailedException {
        if (pods.isEmpty()) {
            return null;
        }
        String names =
                pods.stream().map(p -> p.getMetadata().getName()).sorted().collect(Collectors.joining(","));
        Fault fault = new Fault(
                "k8s-pods-deleted:" + namespace + "/" + names,
                Fault.KIND_K8S_PODS_DELETED,
                "pods " + names.replace(",", ", ") + " deleted in namespace " + namespace,
                Map.of("namespace", namespace, "pods", names),
                null);
        context.injecting(fault, () -> context.reverter().revert(fault), null);
        return fault.key();
    }

    static void done(RunContext context, String key) {
        if (key != null) {
            context.injected(key);
            context.removed(key);
        }
    }
}
