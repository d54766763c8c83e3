package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    private final HubRepository repo;
    private final HubTemplateRules rules;
    private final HubInstantiator instantiator;
    private final CatalogManagement catalog;
    private final MessageSource messages;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChaosHub(
            HubRepository repo,
            HubTemplateRules rules,
            HubInstantiator instantiator,
            CatalogManagement catalog,
            MessageSource messages,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.rules = rules;
        this.instantiator = instantiator;
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
        HubRepository.Row r = rules.normalise(0, d);
        long id = repo.insert(r, now);
        HubTemplateView view = view(repo.find(id).orElseThrow());
        audit.record(
                "chaos.hub.template.created",
                "chaos-hub-template",
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
        HubRepository.Row r = rules.normalise(number(id), d);
        Instant now = clock.instant();
        if (repo.update(r, before.version(), now) == 0) {
            throw changedMeanwhile(id);
        }
        HubTemplateView after = view(repo.find(r.id()).orElseThrow());
        audit.record(
                "chaos.hub.template.updated",
                "chaos-hub-template",
                id,
                "Updated hub template " + after.name(),
                summary(before),
                summary(after));
        events.publishEvent(new HubTemplateUpdated(id, after.name(), r.teamId(), now));
        return after;
    }

    /**
     * Writes the template's experiment for a service (parameters over the template's defaults, the target from the
     * service's chaos targets or the fields) and gives it the template's weight; all or nothing.
     */
    public ExperimentView instantiate(String id, HubInstantiation in, Locale locale) {
        ChaosExperiments.requireChaosEngineer();
        return instantiator.instantiate(get(id, locale), in);
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
                "chaos-hub-template",
                id,
                "Deleted hub template " + before.name(),
                summary(before),
                null);
        events.publishEvent(new HubTemplateDeleted(id, before.name(), before.teamId(), now));
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
                HubTemplateRules.PROBE_PATH,
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

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
