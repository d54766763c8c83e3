package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What an experiment request must be (a definition of bounded size, catalog services that exist), every field's
 * problems collected at once; and an experiment's row as the view the facade answers with.
 */
@Component
class ExperimentInput {
    static final int MAX_DEFINITION = 200_000;
    private static final int MAX_SERVICES = 20;

    private final ExperimentRepository experimentRows;
    private final CatalogManagement catalog;

    ExperimentInput(ExperimentRepository experimentRows, CatalogManagement catalog) {
        this.experimentRows = experimentRows;
        this.catalog = catalog;
    }

    /** Runs a check, adding what it refuses to {@code problems} (every field's problems answered at once). */
    static <T> T collect(java.util.function.Supplier<T> check, List<ExperimentProblem> problems) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            problems.add(ExperimentProblem.of(e));
        } catch (InvalidExperimentText e) {
            problems.addAll(e.problems());
        }
        return null;
    }

    ExperimentView view(ExperimentRepository.ExperimentRow row) {
        List<Long> serviceIds = experimentRows.serviceIds(row.id());
        List<String> names = serviceIds.isEmpty()
                ? List.of()
                : catalog.servicesById(serviceIds).stream()
                        .map(CatalogService::name)
                        .sorted()
                        .toList();
        return new ExperimentView(
                row.id(),
                row.title(),
                row.currentVersion(),
                serviceIds,
                names,
                row.definition(),
                row.createdBy(),
                row.createdAt(),
                row.updatedAt(),
                row.version());
    }

    List<CatalogService> services(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException(
                    "services",
                    "chaos.error.services.none",
                    "name at least one catalog service the experiment targets");
        }
        if (names.size() > MAX_SERVICES) {
            throw new InvalidInputException(
                    "services", "chaos.error.services.tooMany", "at most " + MAX_SERVICES + " services", MAX_SERVICES);
        }
        List<CatalogService> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new InvalidInputException(
                        "services", "chaos.error.services.blank", "a service name must not be blank");
            }
            if (seen.add(n.trim())) {
                found.add(catalog.findService(n.trim())
                        .orElseThrow(() -> new InvalidInputException(
                                "services",
                                "chaos.error.services.unknown",
                                "no service named '" + cut(n) + "'",
                                cut(n))));
            }
        }
        return found;
    }

    static List<Long> ids(List<CatalogService> services) {
        return services.stream().map(CatalogService::id).toList();
    }

    static String requireText(String definition) {
        if (definition == null || definition.isBlank()) {
            throw new InvalidInputException(
                    "definition",
                    "chaos.error.definition.none",
                    "paste or import a Chaos Toolkit experiment (JSON or YAML)");
        }
        if (definition.length() > MAX_DEFINITION) {
            throw new InvalidInputException(
                    "definition",
                    "chaos.error.definition.length",
                    "at most " + MAX_DEFINITION + " characters",
                    MAX_DEFINITION);
        }
        return definition;
    }

    static String cutTitle(String title) {
        return title.length() <= 300 ? title : title.substring(0, 299) + "…";
    }

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
