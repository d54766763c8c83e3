package dev.kintsugi.chaos.web;

import java.util.List;

/**
 * A built-in experiment of the hub: one of the form's faults with sensible defaults. Its name, description and
 * hypothesis are bundle texts ({@code chaos.hub.<id>.*}); {@code amount} and {@code duration} prefill the form.
 */
record HubTemplate(String id, String fault, Integer amount, int duration) {

    static final List<HubTemplate> BUILT_IN = List.of(
            new HubTemplate("dependency-latency", "latency", 1000, 60),
            new HubTemplate("dependency-down", "down", null, 30),
            new HubTemplate("connection-reset", "reset", 0, 30),
            new HubTemplate("bandwidth-starvation", "bandwidth", 16, 60),
            new HubTemplate("slow-close", "slow_close", 5000, 60),
            new HubTemplate("http-503-storm", "http_error", 503, 30),
            new HubTemplate("pod-kill", "pod_kill", null, 60));

    static java.util.Optional<HubTemplate> find(String id) {
        return BUILT_IN.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    ExperimentForm form(String title, String service) {
        ExperimentForm e = ExperimentForm.empty();
        return new ExperimentForm(
                "form",
                title,
                e.description(),
                service == null ? "" : service,
                e.proxyApiUrl(),
                e.proxy(),
                fault,
                amount,
                duration,
                e.namespace(),
                e.labels(),
                e.probeUrl(),
                e.expectedStatus(),
                "");
    }
}
