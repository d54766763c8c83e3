package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a team's template must be: its team, name, hypothesis, a fault of {@link FaultCatalog} with parameters
 * within their bounds, a probe path, an expected status, a weight; or the fault and its values read back from an
 * experiment ("save as template").
 */
@Component
class HubTemplateRules {
    static final String PROBE_PATH = "/health";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChaosExperiments experiments;
    private final CatalogManagement catalog;

    HubTemplateRules(ChaosExperiments experiments, CatalogManagement catalog) {
        this.experiments = experiments;
        this.catalog = catalog;
    }

    /** The draft checked, as the row to store (id 0 for a new one). */
    HubRepository.Row normalise(long id, HubTemplateDraft d) {
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
    static Map<String, Integer> values(
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
