package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A hub template made into an experiment of a service: the target from the service's chaos targets (or the
 * fields), the probe from its HTTP target with the template's probe path (or the field), the parameters over the
 * template's defaults within their bounds; the experiment gets the template's weight. All in the caller's
 * transaction: nothing half-written stays behind.
 */
@Component
class HubInstantiator {
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final ChaosExperiments experiments;
    private final ChaosTargets targets;
    private final CatalogManagement catalog;
    private final AuditLog audit;

    HubInstantiator(ChaosExperiments experiments, ChaosTargets targets, CatalogManagement catalog, AuditLog audit) {
        this.experiments = experiments;
        this.targets = targets;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * Writes the template's experiment for a service (parameters over the template's defaults, the target from the
     * service's chaos targets or the fields) and gives it the template's weight; all or nothing.
     */
    ExperimentView instantiate(HubTemplateView t, HubInstantiation in) {
        if (in.service() == null || in.service().isBlank()) {
            throw new InvalidInputException("service", "chaos.error.hub.service", "name the service to run it on");
        }
        CatalogService service = catalog.findService(in.service().trim())
                .orElseThrow(() -> new InvalidInputException(
                        "service",
                        "chaos.error.hub.noService",
                        "no service named '" + cut(in.service()) + "'",
                        cut(in.service())));
        String apiUrl = in.proxyApiUrl();
        String proxy = in.proxy();
        String namespace = in.namespace();
        String labels = in.labels();
        String probeUrl = in.probeUrl();
        if (in.targetId() != null) {
            TargetView target = targets.targets(service.name()).stream()
                    .filter(x -> x.id() == in.targetId())
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "targetId",
                            "chaos.error.hub.noTarget",
                            "not a chaos target of " + service.name(),
                            service.name()));
            switch (target.kind()) {
                case PROXY -> {
                    apiUrl = blank(apiUrl) ? target.url() : apiUrl;
                    proxy = blank(proxy) && !target.proxies().isEmpty()
                            ? target.proxies().get(0)
                            : proxy;
                }
                case KUBERNETES -> {
                    namespace = blank(namespace) ? target.namespace() : namespace;
                    labels = blank(labels) ? target.labels() : labels;
                }
                case HTTP -> probeUrl = blank(probeUrl) ? withPath(target.url(), t.probePath()) : probeUrl;
                default -> {}
            }
        }
        if (blank(probeUrl)) {
            probeUrl = targets.targets(service.name()).stream()
                    .filter(x -> x.kind() == TargetKind.HTTP)
                    .findFirst()
                    .map(x -> withPath(x.url(), t.probePath()))
                    .orElse(null);
        }
        Map<String, Integer> values = HubTemplateRules.values(t.fault(), t.defaults(), in.parameters(), "parameters");
        requireTarget(t.fault(), apiUrl, proxy, labels, in.deployment());
        if (blank(probeUrl)) {
            throw new InvalidInputException(
                    "probeUrl", "chaos.error.hub.probeUrl", "the URL the steady-state probe calls (or an HTTP target)");
        }
        String amount = FaultCatalog.amountParameter(t.fault());
        String title = blank(in.title())
                ? t.name() + " · " + service.name()
                : in.title().trim();
        String definition = FaultCatalog.definition(new FaultCatalog.Spec(
                title,
                t.description(),
                t.hypothesis(),
                service.name(),
                t.fault(),
                amount == null ? null : values.get(amount),
                values.get("duration"),
                apiUrl,
                proxy,
                namespace,
                labels,
                in.deployment(),
                probeUrl,
                t.expectedStatus()));
        ExperimentView e = experiments.create(definition, List.of(service.name()));
        if (t.weight() != 1) {
            experiments.setWeight(e.id(), t.weight(), null);
        }
        audit.record(
                "chaos.hub.template.instantiated",
                "chaos-hub-template",
                t.id(),
                "Instantiated " + t.name() + " for " + service.name() + " as experiment " + e.id(),
                null,
                Map.of("experiment", e.id(), "service", service.name(), "parameters", values));
        return experiments.get(e.id());
    }

    private static void requireTarget(String fault, String apiUrl, String proxy, String labels, String deployment) {
        if (FaultCatalog.throughProxy(fault)) {
            if (blank(apiUrl)) {
                throw new InvalidInputException(
                        "proxyApiUrl",
                        "chaos.error.hub.proxyApiUrl",
                        "the fault proxy's admin API URL (or a PROXY target)");
            }
            if (blank(proxy)) {
                throw new InvalidInputException(
                        "proxy", "chaos.error.hub.proxy", "the proxy in front of the dependency");
            }
        } else if (fault.equals("pod_kill") && blank(labels)) {
            throw new InvalidInputException(
                    "labels", "chaos.error.hub.labels", "the label selector of the pods (or a KUBERNETES target)");
        } else if (fault.equals("scale_to_zero")
                && (blank(deployment) || !K8S_NAME.matcher(deployment.trim()).matches())) {
            throw new InvalidInputException(
                    "deployment",
                    "chaos.error.hub.deployment",
                    "the name of the Kubernetes deployment to scale to zero");
        }
    }

    static String withPath(String url, String path) {
        try {
            java.net.URI u = java.net.URI.create(url.trim());
            if (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) {
                String base = url.trim().endsWith("/")
                        ? url.trim().substring(0, url.trim().length() - 1)
                        : url.trim();
                return base + path;
            }
        } catch (IllegalArgumentException e) {
            // left as it is: the engine's validation names it
        }
        return url;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
