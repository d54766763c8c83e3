package dev.kintsugi.chaos;

import dev.kintsugi.incident.Severity;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chaos settings ({@code kintsugi.chaos.*}).
 *
 * @param blockingSeverities an open incident of one of these on a target service refuses (and stops) runs
 * @param maxParallelRuns runs executing at once in this server (the bounded executor); more are refused
 * @param leaseMargin added to a run's expected end for every fault's lease (the data plane's own safety net)
 * @param checkTimeout how long a reachability check or a server-side revert waits for an answer
 * @param kubernetes cluster access for pod faults (the token from the environment, never from the database)
 * @param killSwitchPoll how often an instance with runs in progress reads the persisted kill switch (an engagement
 *     on another instance stops its runs and reverts their faults within about this long)
 */
@ConfigurationProperties("kintsugi.chaos")
public record ChaosProperties(
        List<Severity> blockingSeverities,
        Integer maxParallelRuns,
        Duration leaseMargin,
        Duration checkTimeout,
        Kubernetes kubernetes,
        Duration killSwitchPoll) {

    public ChaosProperties {
        blockingSeverities =
                blockingSeverities == null ? List.of(Severity.SEV1, Severity.SEV2) : List.copyOf(blockingSeverities);
        maxParallelRuns = maxParallelRuns == null || maxParallelRuns < 1 ? 16 : maxParallelRuns;
        leaseMargin = leaseMargin == null ? Duration.ofSeconds(60) : leaseMargin;
        checkTimeout = checkTimeout == null ? Duration.ofSeconds(2) : checkTimeout;
        kubernetes = kubernetes == null ? new Kubernetes(null, null) : kubernetes;
        killSwitchPoll =
                killSwitchPoll == null || killSwitchPoll.toMillis() < 50 ? Duration.ofMillis(500) : killSwitchPoll;
    }

    /**
     * @param apiUrl the cluster's API server (empty: kubeconfig or in-cluster)
     * @param token a bearer token ({@code KINTSUGI_CHAOS_KUBERNETES_TOKEN}); never logged, never stored
     */
    public record Kubernetes(String apiUrl, String token) {
        public Kubernetes {
            apiUrl = apiUrl == null || apiUrl.isBlank() ? null : apiUrl.strip();
            token = token == null || token.isBlank() ? null : token.strip();
        }

        @Override
        public String toString() {
            return "Kubernetes[apiUrl=" + apiUrl + ", token=" + (token == null ? "unset" : "***") + "]";
        }
    }
}
