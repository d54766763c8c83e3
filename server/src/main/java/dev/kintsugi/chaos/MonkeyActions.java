package dev.kintsugi.chaos;

import dev.kintsugi.chaos.monkey.MonkeyGroups;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;

/**
 * The Chaos Monkey's hands: choose one eligible instance of a group (reading only) and terminate it. A pod of the
 * service's Kubernetes target (its selector narrowed to the group's labels; never one an exception or
 * {@code exceptTargets} names), a registered process, one proxy of the fault-proxy target (disabled with a lease:
 * the proxy enables it again by itself when the lease ends, whatever happens to the server), or a Chaos Monkey
 * for Spring Boot actuator (enabled; disabled again by a timer).
 */
@Component
class MonkeyActions {
    static final String ENVIRONMENT_LABEL = "environment";
    static final String REGION_LABEL = "topology.kubernetes.io/region";

    /** One instance chosen: what it is (shown and recorded) and how to reach it. */
    record Chosen(MonkeyTermination kind, String description, TargetView target, String name, Long pid) {}

    private final TargetRepository targetRows;
    private final FaultReverter reverter;
    private final MonkeyProperties properties;
    private final HttpClient http;
    private final Duration timeout;

    MonkeyActions(
            TargetRepository targetRows,
            FaultReverter reverter,
            MonkeyProperties properties,
            ChaosProperties chaosProperties) {
        this.targetRows = targetRows;
        this.reverter = reverter;
        this.properties = properties;
        this.timeout = chaosProperties.checkTimeout().multipliedBy(2);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The target of {@code s} of the kind its termination needs, if the service has it. */
    Optional<TargetView> target(MonkeySettings s) {
        TargetKind kind = switch (s.termination()) {
            case POD -> TargetKind.KUBERNETES;
            case PROXY_DOWN -> TargetKind.PROXY;
            case SPRING_BOOT_ASSAULT -> TargetKind.CHAOS_MONKEY;
            case PROCESS -> null;
        };
        return targetRows.targets(s.serviceId()).stream()
                .filter(t -> t.kind() == kind && t.name().equals(s.target()))
                .findFirst();
    }

    /** An eligible instance of {@code group}, chosen with {@code random}; empty when there is none. */
    Optional<Chosen> choose(MonkeySettings s, String group, RandomGenerator random) throws IOException {
        MonkeyGroups.Group g = MonkeyGroups.Group.parse(group);
        if (s.termination() == MonkeyTermination.PROCESS) {
            MonkeyProperties.RegisteredProcess p = properties.processes().get(s.target());
            if (p == null) {
                throw new IllegalStateException("no process '" + s.target() + "' is registered on this server");
            }
            if (s.exceptTargets().contains(s.target())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(Path.of(p.pidFile())).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(new Chosen(
                        s.termination(), "process " + s.target() + " (pid " + pid + ")", null, s.target(), pid));
            }
            return Optional.empty();
        }
        TargetView t = target(s)
                .orElseThrow(() -> new IllegalStateException("the service has no "
                        + s.termination().name().toLowerCase(java.util.Locale.ROOT) + " target named " + s.target()));
        if (s.exceptTargets().contains(t.name())) {
            return Optional.empty();
        }
        return switch (s.termination()) {
            case POD -> pod(s, g, t, random);
            case PROXY_DOWN -> {
                List<String> proxies = t.proxies().stream()
                        .filter(p -> !s.exceptTargets().contains(p))
                        .sorted()
                        .toList();
                yield proxies.isEmpty()
                        ? Optional.empty()
                        : Optional.of(pick(proxies, random))
                                .map(p -> new Chosen(s.termination(), "proxy " + p + " at " + t.url(), t, p, null));
            }
            case SPRING_BOOT_ASSAULT ->
                Optional.of(new Chosen(s.termination(), "Chaos Monkey for Spring Boot at " + t.url(), t, null, null));
            case PROCESS -> throw new IllegalStateException("unreachable");
        };
    }

    private Optional<Chosen> pod(MonkeySettings s, MonkeyGroups.Group g, TargetView t, RandomGenerator random) {
        List<String> selector = new ArrayList<>();
        if (t.labels() != null && !t.labels().isBlank()) {
            selector.add(t.labels());
        }
        if (!g.environment().equals("*")) {
            selector.add(ENVIRONMENT_LABEL + "=" + g.environment());
        }
        if (!g.cluster().equals("*")) {
            selector.add(s.clusterLabel() + "=" + g.cluster());
        }
        if (!g.region().equals("*")) {
            selector.add(REGION_LABEL + "=" + g.region());
        }
        String namespace = t.namespace() == null || t.namespace().isBlank() ? "default" : t.namespace();
        try (KubernetesClient client = reverter.kubernetes().connect(timeout)) {
            List<Pod> pods = client
                    .pods()
                    .inNamespace(namespace)
                    .withLabelSelector(String.join(",", selector))
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(p -> !s.exceptTargets().contains(p.getMetadata().getName()))
                    .filter(p -> {
                        Map<String, String> l = p.getMetadata().getLabels() == null
                                ? Map.of()
                                : p.getMetadata().getLabels();
                        return MonkeyGroups.eligible(
                                l.getOrDefault(ENVIRONMENT_LABEL, "*"),
                                l.getOrDefault(s.clusterLabel(), "*"),
                                l.getOrDefault(REGION_LABEL, "*"),
                                s.exceptions(),
                                s.whitelist());
                    })
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
            if (pods.isEmpty()) {
                return Optional.empty();
            }
            String name = pick(pods, random).getMetadata().getName();
            return Optional.of(new Chosen(s.termination(), "pod " + namespace + "/" + name, t, name, null));
        }
    }

    private static <T> T pick(List<T> list, RandomGenerator random) {
        return list.get(random.nextInt(list.size()));
    }

    /** Terminates {@code c}; answers when a timed termination ends (null for a pod or a process). */
    Instant terminate(MonkeySettings s, Chosen c, Instant now) throws IOException, InterruptedException {
        Duration length = Duration.ofMinutes(s.durationMinutes());
        switch (c.kind()) {
            case POD -> {
                String namespace =
                        c.target().namespace() == null || c.target().namespace().isBlank()
                                ? "default"
                                : c.target().namespace();
                try (KubernetesClient client = reverter.kubernetes().connect(timeout)) {
                    var deleted = client.pods()
                            .inNamespace(namespace)
                            .withName(c.name())
                            .delete();
                    if (deleted == null || deleted.isEmpty()) {
                        throw new IllegalStateException("pod " + c.name() + " was gone already");
                    }
                }
                return null;
            }
            case PROCESS -> {
                ProcessHandle h = ProcessHandle.of(c.pid())
                        .orElseThrow(() -> new IllegalStateException("process " + c.pid() + " is gone"));
                MonkeyProperties.RegisteredProcess p = properties.processes().get(c.name());
                boolean sent = "KILL".equals(p.signal()) ? h.destroyForcibly() : h.destroy();
                if (!sent) {
                    throw new IllegalStateException("could not signal process " + c.pid());
                }
                return null;
            }
            case PROXY_DOWN -> {
                String body = "{\"enabled\": false, \"ttl_ms\": " + length.toMillis() + "}";
                post(c.target().url() + "/proxies/" + URLEncoder.encode(c.name(), StandardCharsets.UTF_8), body);
                return now.plus(length);
            }
            case SPRING_BOOT_ASSAULT -> {
                post(base(c.target().url()) + "/chaosmonkey/enable", null);
                return now.plus(length);
            }
            default -> throw new IllegalStateException("unknown termination " + c.kind());
        }
    }

    /** Disables the Chaos Monkey for Spring Boot at {@code actuatorUrl} (the end of an assault). */
    void endAssault(String actuatorUrl) throws IOException, InterruptedException {
        post(base(actuatorUrl) + "/chaosmonkey/disable", null);
    }

    /** Whether the service's steady-state endpoints (its HTTP targets) answer 2xx now; empty when it has none. */
    Optional<Boolean> healthy(long serviceId) {
        List<TargetView> checks = targetRows.targets(serviceId).stream()
                .filter(t -> t.kind() == TargetKind.HTTP)
                .toList();
        if (checks.isEmpty()) {
            return Optional.empty();
        }
        for (TargetView t : checks) {
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(t.url()))
                                .timeout(timeout)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    return Optional.of(false);
                }
            } catch (IOException e) {
                return Optional.of(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private void post(String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json");
        b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + r.statusCode());
        }
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
