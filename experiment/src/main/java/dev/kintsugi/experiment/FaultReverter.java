package dev.kintsugi.experiment;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Undoes a recorded {@link Fault} from its record alone: what a run uses for its own rollbacks of leftover faults,
 * and what a host uses at start-up for faults journalled by runs that did not finish (a crash, a kill).
 *
 * <ul>
 *   <li>{@link Fault#KIND_TOXIC}: {@code DELETE {api_url}/proxies/{proxy}/toxics/{toxic}} (a 404 — already gone, e.g.
 *       its lease ended — is success);
 *   <li>{@link Fault#KIND_PROXY_DISABLED}: {@code POST {api_url}/proxies/{proxy}} {@code {"enabled": true}};
 *   <li>{@link Fault#KIND_CHAOS_MONKEY}: {@code POST {actuator_url}/chaosmonkey/disable};
 *   <li>{@link Fault#KIND_K8S_SCALED}: scales {@code namespace/deployment} back to {@code replicas} (with the
 *       Kubernetes access the host gives, see {@link #withKubernetes});
 *   <li>{@link Fault#KIND_K8S_PODS_DELETED}: nothing to undo (their controllers recreate them): success;
 *   <li>processes: cannot be reverted from a record (a pid is meaningless after a restart): refused with a reason.
 * </ul>
 */
public final class FaultReverter {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Duration timeout;
    private final KubernetesAccess kubernetes;

    /** A reverter with no Kubernetes access (a scaled deployment cannot be scaled back). */
    public FaultReverter(Duration timeout) {
        this(timeout, KubernetesAccess.none());
    }

    public FaultReverter(Duration timeout, KubernetesAccess kubernetes) {
        this.timeout = timeout;
        this.kubernetes = kubernetes;
    }

    public FaultReverter withKubernetes(KubernetesAccess value) {
        return new FaultReverter(timeout, value);
    }

    public KubernetesAccess kubernetes() {
        return kubernetes;
    }

    /** {@link #revert(Fault)} of a record written by {@link Fault#toJson()}. */
    public void revert(String faultJson) throws IOException, InterruptedException {
        revert(Fault.fromJson(faultJson));
    }

    /**
     * Reverts the fault; returns normally when it is gone (also when it was already gone).
     *
     * @throws IOException when it could not be reverted: the message says why (the fault may still be in place)
     */
    public void revert(Fault fault) throws IOException, InterruptedException {
        var t = fault.target();
        switch (fault.kind()) {
            case Fault.KIND_TOXIC -> {
                int status = send(
                        "DELETE",
                        base(t.get("api_url")) + "/proxies/" + enc(t.get("proxy")) + "/toxics/" + enc(t.get("toxic")),
                        null);
                if (status / 100 != 2 && status != 404) {
                    throw new IOException("cannot remove toxic " + t.get("toxic") + " on proxy " + t.get("proxy")
                            + ": HTTP " + status);
                }
            }
            case Fault.KIND_PROXY_DISABLED -> {
                int status =
                        send("POST", base(t.get("api_url")) + "/proxies/" + enc(t.get("proxy")), "{\"enabled\":true}");
                if (status / 100 != 2) {
                    throw new IOException("cannot enable proxy " + t.get("proxy") + ": HTTP " + status);
                }
            }
            case Fault.KIND_CHAOS_MONKEY -> {
                int status = send("POST", base(t.get("actuator_url")) + "/chaosmonkey/disable", null);
                if (status / 100 != 2) {
                    throw new IOException(
                            "cannot disable Chaos Monkey at " + t.get("actuator_url") + ": HTTP " + status);
                }
            }
            case Fault.KIND_K8S_SCALED -> {
                try (var client = kubernetes.connect(timeout)) {
                    client.apps()
                            .deployments()
                            .inNamespace(t.get("namespace"))
                            .withName(t.get("deployment"))
                            .scale(Integer.parseInt(t.get("replicas")));
                } catch (RuntimeException e) {
                    throw new IOException(
                            "cannot scale " + t.get("namespace") + "/" + t.get("deployment") + " back to "
                                    + t.get("replicas") + ": " + e.getMessage(),
                            e);
                }
            }
            case Fault.KIND_K8S_PODS_DELETED -> {
                // nothing to undo: the pods' controllers recreate them
            }
            case Fault.KIND_PROCESS_STARTED, Fault.KIND_PROCESS_STOPPED ->
                throw new IOException(fault.description()
                        + ": a process fault can only be undone by the run that made it (its pid means nothing"
                        + " after a restart)");
            default -> throw new IOException("unknown fault kind '" + fault.kind() + "'");
        }
    }

    private int send(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String base(String url) throws IOException {
        if (url == null || url.isBlank()) {
            throw new IOException("the fault record names no URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String enc(String s) throws IOException {
        if (s == null) {
            throw new IOException("the fault record is incomplete");
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
