package dev.kintsugi.experiment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fault a run injects: what the host journals before it is applied, and all {@link FaultReverter} needs to undo
 * it later, even from another process after a crash.
 *
 * @param key stable within a run and across runs for the same fault (the same toxic on the same proxy has the same
 *     key), e.g. {@code toxic:http://127.0.0.1:8474/redis/latency_downstream}
 * @param kind one of the {@code KIND_*} constants
 * @param description a human sentence in English (hosts that show it in other languages render from {@code kind}
 *     and {@code target})
 * @param target where the fault is, by kind: {@code api_url}, {@code proxy}, {@code toxic} (toxics and disabled
 *     proxies); {@code actuator_url} (Chaos Monkey); {@code name}, {@code pid} (processes); {@code namespace},
 *     {@code deployment}, {@code replicas} (the count to restore) for Kubernetes deployments; {@code namespace},
 *     {@code pods} for deleted pods
 * @param leaseExpiry when the data plane removes the fault by itself; {@code null} when it has no lease
 */
public record Fault(String key, String kind, String description, Map<String, String> target, Instant leaseExpiry) {

    /** A toxic on a Toxiproxy-compatible proxy (Kintsugi's proxy honours the lease). */
    public static final String KIND_TOXIC = "toxic";
    /** A proxy disabled through a Toxiproxy-compatible API (all its connections refused). */
    public static final String KIND_PROXY_DISABLED = "proxy-disabled";
    /** Chaos Monkey for Spring Boot enabled through its actuator. */
    public static final String KIND_CHAOS_MONKEY = "chaosmonkey-enabled";
    /** A process the experiment started (only this run can stop it: a pid means nothing after a restart). */
    public static final String KIND_PROCESS_STARTED = "process-started";
    /** A process the experiment stopped with SIGSTOP (resumed with SIGCONT). */
    public static final String KIND_PROCESS_STOPPED = "process-stopped";
    /**
     * Kubernetes pods deleted ({@code target.namespace}, {@code target.pods}: comma-separated names). Their
     * controllers recreate them: reverting has nothing to undo and succeeds. Journalled so that a host knows what
     * the run did, and when.
     */
    public static final String KIND_K8S_PODS_DELETED = "k8s-pods-deleted";
    /** A Kubernetes deployment scaled; reverting scales it back to {@code target.replicas}. */
    public static final String KIND_K8S_SCALED = "k8s-deployment-scaled";

    public Fault {
        target = Map.copyOf(target);
    }

    public Fault withLeaseExpiry(Instant expiry) {
        return new Fault(key, kind, description, target, expiry);
    }

    /** The fault as JSON text: what a host stores in its journal and gives back to {@link #fromJson(String)}. */
    public String toJson() {
        ObjectNode node = ExperimentLoader.JSON.createObjectNode();
        node.put("key", key);
        node.put("kind", kind);
        node.put("description", description);
        ObjectNode t = node.putObject("target");
        new java.util.TreeMap<>(target).forEach(t::put);
        if (leaseExpiry != null) {
            node.put("lease_expiry", leaseExpiry.toString());
        }
        return node.toString();
    }

    /** Reads what {@link #toJson()} wrote; throws {@link IllegalArgumentException} when it is not such a record. */
    public static Fault fromJson(String json) {
        JsonNode node;
        try {
            node = ExperimentLoader.JSON.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not a fault record: " + e.getOriginalMessage(), e);
        }
        if (!node.path("key").isString()
                || !node.path("kind").isString()
                || !node.path("target").isObject()) {
            throw new IllegalArgumentException("not a fault record: needs 'key', 'kind' and 'target'");
        }
        Map<String, String> target = new LinkedHashMap<>();
        node.path("target")
                .properties()
                .forEach(e -> target.put(e.getKey(), e.getValue().asString()));
        Instant expiry = node.path("lease_expiry").isString()
                ? Instant.parse(node.path("lease_expiry").asString())
                : null;
        return new Fault(
                node.path("key").asString(),
                node.path("kind").asString(),
                node.path("description").asString(""),
                target,
                expiry);
    }
}
