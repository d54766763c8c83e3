package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub (LitmusChaos's ChaosHub as a catalog): built-in templates (texts in the bundles, {@code
 * chaos.hub.<id>.*}) and the teams' own (a table, versioned, audited, with events), each a fault of {@link
 * FaultCatalog} with its typed parameters, a probe suggestion and a weight. {@link #instantiate} writes the
 * experiment for a service and gives it the template's weight. Writes need {@code CHAOS_ENGINEER}.
 */
@Service
@Transactional
public class ChaosHub {
    static final String TEAM_PREFIX = "team-";
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A built-in: its id (bundle texts), fault, defaults, probe suggestion and weight. */
    record BuiltIn(String id, String fault, Map<String, Integer> defaults, int weight) {}

    static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn("dependency-latency", "latency", Map.of("latency", 1000, "duration", 60), 5),
            new BuiltIn("dependency-down", "down", Map.of("duration", 30), 8),
            new BuiltIn("connection-reset", "reset", Map.of("timeout", 0, "duration", 30), 3),
            new BuiltIn("bandwidth-starvation", "bandwidth", Map.of("rate", 16, "duration", 60), 2),
            new BuiltIn("slow-close", "slow_close", Map.of("delay", 5000, "duration", 60), 2),
            new BuiltIn("http-503-storm", "http_error", Map.of("status_code", 503, "duration", 30), 5),
            new BuiltIn("pod-kill", "pod_kill", Map.of("max_count", 1, "duration", 60), 5),
            new BuiltIn("scale-to-zero", "scale_to_zero", Map.of("duration", 60), 10));

    private static final String PROBE_PATH = "/health";

    private final HubRepository repo;
    private final ChaosExperiments experiments;
    private final ChaosTargets targets;
    private final CatalogManagement catalog;
    private final MessageSource messages;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChaosHub(
            HubRepository repo,
            ChaosExperiments experiments,
            ChaosTargets targets,
            CatalogManagement catalog,
            MessageSource messages,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.experiments = experiments;
        this.targets = targets;
        this.catalog = catalog;
        this.messages = messages;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The faults templates can name, each with its parameters (bounds and the fault's defaults). */
    public static Map<String, List<HubParameter>> faults() {
        return FaultCatalog.PARAMETERS;
    }

    /** Built-ins first (in the hub's order), then the teams' templates by name. */
    @Transactional(readOnly = true)
    public List<HubTemplateView> list(Locale locale) {
        List<HubTemplateView> all = new ArrayList<>();
        BUILT_IN.forEach(b -> all.add(view(b, locale)));
        repo.all().forEach(r -> all.add(view(r)));
        return all;
    }

    @Transactional(readOnly = true)
    public HubTemplateView get(String id, Locale locale) {
        Optional<BuiltIn> b = builtIn(id);
        if (b.isPresent()) {
            return view(b.get(), locale);
        }
        return view(row(id));
    }

    public HubTemplateView create(HubTemplateDraft d) {
        ChaosExperiments.requireChaosEngineer();
        Instant now = clock.instant();
        HubRepository.Row r = normalise(0, d);
        long id = repo.insert(r, now);
        HubTemplateView view = view(repo.find(id).orElseThrow());
        audit.record(
                "chaos.hub.template.created",
                "hub-template",
                view.id(),
                "Created hub template " + view.name(),
                null,
                summary(view));
        events.publishEvent(new HubTemplateCreated(view.id(), view.name(), r.teamId(), now));
        return view;
    }

    /** Replaces a team's template ({@code expectedVersion} from If-Match: 412 if stale); built-ins are read-only. */
    public HubTemplateView update(String id, HubTemplateDraft d, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        HubTemplateView before = view(row(id));
        Versions.require(expectedVersion, before.version(), "Hub template " + id);
        HubRepository.Row r = normalise(number(id), d);
        Instant now = clock.instant();
        if (repo.update(r, before.version(), now) == 0) {
            throw changedMeanwhile(id);
        }
        HubTemplateView after = view(repo.find(r.id()).orElseThrow());
        audit.record(
                "chaos.hub.template.updated",
                "hub-template",
                id,
                "Updated hub template " + after.name(),
                summary(before),
                summary(after));
        events.publishEvent(new HubTemplateUpdated(id, after.name(), r.teamId(), now));
        return after;
    }

    public void delete(String id, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        HubTemplateView before = view(row(id));
        Versions.require(expectedVersion, before.version(), "Hub template " + id);
        if (repo.delete(number(id), before.version()) == 0) {
            throw changedMeanwhile(id);
        }
        Instant now = clock.instant();
        audit.record(
                "chaos.hub.template.deleted",
                "hub-template",
                id,
                "Deleted hub template " + before.name(),
                summary(before),
                null);
        events.publishEvent(new HubTemplateDeleted(id, before.name(), before.teamId(), now));
    }

    /**
     * Writes the template's experiment for a service (parameters over the template's defaults, the target from the
     * service's chaos targets or the fields) and gives it the template's weight; all or nothing.
     */
    public ExperimentView instantiate(String id, HubInstantiation in, Locale locale) {
        ChaosExperiments.requireChaosEngineer();
        HubTemplateView t = get(id, locale);
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
        Map<String, Integer> values = values(t.fault(), t.defaults(), in.parameters(), "parameters");
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
                "hub-template",
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

    /** The draft checked, as the row to store (id 0 for a new one). */
    private HubRepository.Row normalise(long id, HubTemplateDraft d) {
        if (d.team() == null || d.team().isBlank()) {
            throw new InvalidInputException("team", "chaos.error.hub.team", "name the team the template belongs to");
        }
        Team team = catalog.findTeam(d.team().trim())
                .orElseThrow(() -> new InvalidInputException(
                        "team", "chaos.error.hub.noTeam", "no team named '" + cut(d.team()) + "'", cut(d.team())));
        String name = d.name();
        String hypothesis = d.hypothesis();
        String fault = d.fault();
        Map<String, Integer> given = d.parameters();
        if (d.fromExperiment() != null) {
            ExperimentView e = experiments.get(d.fromExperiment());
            FaultCatalog.Found found = FaultCatalog.read(e.definition())
                    .orElseThrow(() -> new InvalidInputException(
                            "fromExperiment",
                            "chaos.error.hub.unknownFault",
                            "the experiment's method has no fault the hub knows (a toxic, a disabled proxy, a pod"
                                    + " kill or a scale to zero)"));
            fault = found.fault();
            Map<String, Integer> merged = new LinkedHashMap<>(found.values());
            if (given != null) {
                merged.putAll(given);
            }
            given = merged;
            name = blank(name) ? e.title() : name;
            if (blank(hypothesis)) {
                hypothesis = JSON.readTree(e.definition())
                        .path("steady-state-hypothesis")
                        .path("title")
                        .asString("");
            }
        }
        if (blank(name) || name.trim().length() > 200) {
            throw new InvalidInputException("name", "chaos.error.hub.name", "a name of 1 to 200 characters");
        }
        if (blank(hypothesis) || hypothesis.trim().length() > 1000) {
            throw new InvalidInputException(
                    "hypothesis", "chaos.error.hub.hypothesis", "the hypothesis, 1 to 1000 characters");
        }
        String description = d.description() == null ? "" : d.description().trim();
        if (description.length() > 2000) {
            throw new InvalidInputException("description", "chaos.error.hub.description", "at most 2000 characters");
        }
        if (fault == null || !FaultCatalog.PARAMETERS.containsKey(fault)) {
            throw new InvalidInputException(
                    "fault",
                    "chaos.error.hub.fault",
                    "one of " + String.join(", ", FaultCatalog.PARAMETERS.keySet()),
                    String.join(", ", FaultCatalog.PARAMETERS.keySet()));
        }
        Map<String, Integer> defaults = new LinkedHashMap<>();
        FaultCatalog.PARAMETERS.get(fault).forEach(p -> defaults.put(p.name(), p.defaultValue()));
        Map<String, Integer> values = values(fault, defaults, given, "parameters");
        String probePath = blank(d.probePath()) ? PROBE_PATH : d.probePath().trim();
        if (!probePath.startsWith("/")
                || probePath.length() > 500
                || probePath.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(
                    "probePath", "chaos.error.hub.probePath", "a path starting with / (at most 500 characters)");
        }
        int status = d.expectedStatus() == null ? 200 : d.expectedStatus();
        if (status < 100 || status > 599) {
            throw new InvalidInputException(
                    "expectedStatus", "chaos.error.hub.expectedStatus", "an HTTP status, 100 to 599");
        }
        int weight = d.weight() == null ? 1 : d.weight();
        if (weight < 1 || weight > 10) {
            throw new InvalidInputException("weight", "chaos.error.weight", "between 1 and 10");
        }
        return new HubRepository.Row(
                id,
                team.id(),
                name.trim(),
                description,
                hypothesis.trim(),
                fault,
                JSON.writeValueAsString(values),
                probePath,
                status,
                weight,
                Actor.current(),
                0);
    }

    /** {@code defaults} with {@code given} over them, each known to the fault and within its bounds. */
    private static Map<String, Integer> values(
            String fault, Map<String, Integer> defaults, Map<String, Integer> given, String field) {
        Map<String, Integer> values = new LinkedHashMap<>(defaults);
        if (given == null) {
            return values;
        }
        List<HubParameter> known = FaultCatalog.PARAMETERS.get(fault);
        for (var e : given.entrySet()) {
            HubParameter p = known.stream()
                    .filter(x -> x.name().equals(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            field + "." + cut(String.valueOf(e.getKey())),
                            "chaos.error.hub.unknownParameter",
                            "not a parameter of " + fault,
                            fault));
            if (e.getValue() == null) {
                continue;
            }
            if (e.getValue() < p.min() || e.getValue() > p.max()) {
                throw new InvalidInputException(
                        field + "." + p.name(),
                        "chaos.error.hub.bounds",
                        "between " + p.min() + " and " + p.max(),
                        p.min(),
                        p.max());
            }
            values.put(p.name(), e.getValue());
        }
        return values;
    }

    private HubTemplateView view(BuiltIn b, Locale locale) {
        String key = "chaos.hub." + b.id() + ".";
        return new HubTemplateView(
                b.id(),
                true,
                null,
                null,
                messages.getMessage(key + "name", null, b.id(), locale),
                messages.getMessage(key + "description", null, "", locale),
                messages.getMessage(key + "hypothesis", null, "", locale),
                b.fault(),
                parameters(b.fault(), b.defaults()),
                PROBE_PATH,
                200,
                b.weight(),
                null,
                0);
    }

    private HubTemplateView view(HubRepository.Row r) {
        Map<String, Integer> stored = JSON.readValue(r.parameters(), new TypeReference<Map<String, Integer>>() {});
        return new HubTemplateView(
                TEAM_PREFIX + r.id(),
                false,
                r.teamId(),
                catalog.findTeam(r.teamId()).map(Team::name).orElse(null),
                r.name(),
                r.description(),
                r.hypothesis(),
                r.fault(),
                parameters(r.fault(), stored),
                r.probePath(),
                r.expectedStatus(),
                r.weight(),
                r.createdBy(),
                r.version());
    }

    private static List<HubParameter> parameters(String fault, Map<String, Integer> defaults) {
        return FaultCatalog.PARAMETERS.getOrDefault(fault, List.of()).stream()
                .map(p -> defaults.containsKey(p.name()) ? p.withDefault(defaults.get(p.name())) : p)
                .toList();
    }

    private static Optional<BuiltIn> builtIn(String id) {
        return BUILT_IN.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** A team's template by its API id; a built-in's id here means a write to something read-only (409). */
    private HubRepository.Row row(String id) {
        if (builtIn(id).isPresent()) {
            throw new ConflictException(
                    "chaos.error.hub.builtIn",
                    "built-in templates cannot be changed; save a copy for your team",
                    Map.of("template", id));
        }
        return repo.find(number(id)).orElseThrow(() -> new NotFoundException("Hub template", cut(id)));
    }

    private static long number(String id) {
        if (id != null && id.startsWith(TEAM_PREFIX) && id.length() <= 24) {
            try {
                return Long.parseLong(id.substring(TEAM_PREFIX.length()));
            } catch (NumberFormatException e) {
                // not one of ours: below
            }
        }
        throw new NotFoundException("Hub template", cut(String.valueOf(id)));
    }

    private static ConflictException changedMeanwhile(String id) {
        return new ConflictException(
                "chaos.error.hub.changed",
                "Hub template " + id + " was changed at the same time; read it again",
                Map.of(),
                id);
    }

    private static Map<String, Object> summary(HubTemplateView v) {
        return Map.of("name", v.name(), "fault", v.fault(), "parameters", v.defaults(), "weight", v.weight());
    }

    private static String withPath(String url, String path) {
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
