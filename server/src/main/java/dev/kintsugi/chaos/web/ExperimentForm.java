package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.FaultCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The form for the common cases: one fault through a fault proxy (or a pod kill), how long, one HTTP probe and the
 * status it must answer. {@link #toDefinition()} writes the Chaos Toolkit experiment; {@code raw} is the editor for
 * the rest (JSON or YAML as written).
 */
public record ExperimentForm(
        String mode,
        String title,
        String description,
        String service,
        String proxyApiUrl,
        String proxy,
        String fault,
        Integer amount,
        Integer duration,
        String namespace,
        String labels,
        String probeUrl,
        Integer expectedStatus,
        String raw) {

    /** The faults the form offers, with what {@code amount} means for each. */
    public static final List<String> FAULTS =
            List.of("latency", "down", "reset", "bandwidth", "slow_close", "http_error", "pod_kill");

    static ExperimentForm empty() {
        return new ExperimentForm(
                "form", "", "", "", "http://127.0.0.1:8474", "", "latency", 1000, 30, "default", "", "", 200, "");
    }

    /** The form prefilled from a hub template (its name as the title, its default values). */
    static ExperimentForm of(dev.kintsugi.chaos.HubTemplateView t, String service) {
        ExperimentForm e = empty();
        var defaults = t.defaults();
        Integer amount = defaults.entrySet().stream()
                .filter(x -> !x.getKey().equals("duration"))
                .map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        return new ExperimentForm(
                "form",
                t.name(),
                t.description(),
                service == null ? "" : service,
                e.proxyApiUrl(),
                e.proxy(),
                t.fault(),
                amount,
                defaults.getOrDefault("duration", 30),
                e.namespace(),
                e.labels(),
                e.probeUrl(),
                t.expectedStatus(),
                "");
    }

    boolean isRaw() {
        return "raw".equals(mode);
    }

    String toDefinition() {
        if (isRaw()) {
            return raw;
        }
        String kind = fault == null ? "latency" : fault.toLowerCase(Locale.ROOT);
        return FaultCatalog.definition(new FaultCatalog.Spec(
                title,
                description,
                null,
                service,
                kind,
                kind.equals("pod_kill") ? null : amount,
                duration,
                proxyApiUrl,
                proxy,
                namespace,
                labels,
                null,
                probeUrl,
                expectedStatus));
    }

    List<String> services() {
        List<String> list = new ArrayList<>();
        if (service != null) {
            for (String s : service.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.trim());
                }
            }
        }
        return list;
    }
}
