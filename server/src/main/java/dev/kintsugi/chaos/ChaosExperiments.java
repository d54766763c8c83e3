package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiments: Chaos Toolkit definitions (JSON or YAML in, canonical JSON stored), validated by the engine before
 * anything is saved, tagged with the catalog services they target. Every save is a new version row; runs record
 * the version they ran. Writes need {@code CHAOS_ENGINEER}; every change is audited and raises an event.
 */
@Service
@Transactional
public class ChaosExperiments {
    private final ExperimentRepository experimentRows;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ExperimentInput input;

    ChaosExperiments(
            ExperimentRepository experimentRows,
            CatalogManagement catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            ExperimentInput input) {
        this.input = input;
        this.experimentRows = experimentRows;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Checks a definition without saving it: its canonical JSON, or {@link InvalidExperimentText}. */
    @Transactional(readOnly = true)
    public String validate(String definition) {
        return Engine.canonical(ExperimentInput.requireText(definition));
    }

    public ExperimentView create(String definition, List<String> services) {
        requireChaosEngineer();
        List<ExperimentProblem> problems = new ArrayList<>();
        List<CatalogService> targets = ExperimentInput.collect(() -> input.services(services), problems);
        String json =
                ExperimentInput.collect(() -> Engine.canonical(ExperimentInput.requireText(definition)), problems);
        if (!problems.isEmpty()) {
            throw new InvalidExperimentText(problems);
        }
        Instant now = clock.instant();
        String title = ExperimentInput.cutTitle(Engine.title(json));
        long id = experimentRows.insertExperiment(title, Actor.current(), now);
        experimentRows.insertVersion(id, 1, json, Actor.current(), now);
        experimentRows.replaceServices(id, ExperimentInput.ids(targets));
        ExperimentView view = get(id);
        audit.record(
                "chaos.experiment.created",
                "chaos-experiment",
                Long.toString(id),
                "Created experiment " + title,
                null,
                Map.of("title", title, "version", 1, "services", view.services()));
        events.publishEvent(
                new ChaosExperimentCreated(id, 1, title, Set.copyOf(view.serviceIds()), teams(view.serviceIds()), now));
        return view;
    }

    /**
     * Saves a new version of the definition (null keeps it; the services too when null). {@code expectedVersion}
     * (the resource's {@code version}, from {@code If-Match}) refuses a stale write with 412.
     */
    public ExperimentView update(long id, String definition, List<String> services, Long expectedVersion) {
        requireChaosEngineer();
        ExperimentView before = get(id);
        Versions.require(expectedVersion, before.version(), "Experiment " + id);
        List<ExperimentProblem> problems = new ArrayList<>();
        List<Long> serviceIds = services == null
                ? before.serviceIds()
                : ExperimentInput.collect(() -> ExperimentInput.ids(input.services(services)), problems);
        String json = definition == null
                ? before.definition()
                : ExperimentInput.collect(() -> Engine.canonical(ExperimentInput.requireText(definition)), problems);
        if (!problems.isEmpty()) {
            throw new InvalidExperimentText(problems);
        }
        boolean newText = !json.equals(before.definition());
        if (!newText && Set.copyOf(serviceIds).equals(Set.copyOf(before.serviceIds()))) {
            return before;
        }
        Instant now = clock.instant();
        int number = newText ? before.currentVersion() + 1 : before.currentVersion();
        String title = ExperimentInput.cutTitle(Engine.title(json));
        if (experimentRows.bumpExperiment(id, before.version(), title, number, now) == 0) {
            throw new ConflictException(
                    "chaos.error.experiment.changed",
                    "Experiment " + id + " was changed at the same time; read it again",
                    java.util.Map.of(),
                    id);
        }
        if (newText) {
            experimentRows.insertVersion(id, number, json, Actor.current(), now);
        }
        experimentRows.replaceServices(id, serviceIds);
        ExperimentView after = get(id);
        audit.record(
                "chaos.experiment.updated",
                "chaos-experiment",
                Long.toString(id),
                "Updated experiment " + title + " (version " + number + ")",
                Map.of("version", before.currentVersion(), "services", before.services()),
                Map.of("version", number, "services", after.services()));
        events.publishEvent(new ChaosExperimentUpdated(
                id, number, title, Set.copyOf(after.serviceIds()), teams(after.serviceIds()), now));
        return after;
    }

    /**
     * Sets (or, with null or blank, clears) the experiment's schedule: a cron expression of six fields (seconds
     * first), in UTC, like {@code 0 0 10 * * MON-FRI}. Each firing runs once across instances (db-scheduler).
     */
    public String schedule(long id, String cron, Long expectedVersion) {
        requireChaosEngineer();
        ExperimentView before = get(id);
        Versions.require(expectedVersion, before.version(), "Experiment " + id);
        String clean = cron == null || cron.isBlank() ? null : cron.trim();
        if (clean != null) {
            if (clean.length() > 120) {
                throw new InvalidInputException("cron", "chaos.error.cron.length", "at most 120 characters");
            }
            try {
                org.springframework.scheduling.support.CronExpression.parse(clean);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "cron", "chaos.error.cron", "not a cron expression of six fields, like 0 0 10 * * MON-FRI");
            }
        }
        if (experimentRows.setCron(id, before.version(), clean, clock.instant()) == 0) {
            throw new ConflictException(
                    "chaos.error.experiment.changed",
                    "Experiment " + id + " was changed at the same time; read it again",
                    java.util.Map.of(),
                    id);
        }
        audit.record(
                "chaos.experiment.scheduled",
                "chaos-experiment",
                Long.toString(id),
                clean == null ? "Unscheduled " + before.title() : "Scheduled " + before.title() + ": " + clean,
                null,
                clean == null ? Map.of() : Map.of("cron", clean));
        events.publishEvent(new ChaosExperimentUpdated(
                id,
                before.currentVersion(),
                before.title(),
                Set.copyOf(before.serviceIds()),
                teams(before.serviceIds()),
                clock.instant()));
        return clean;
    }

    /** The experiment's weight in the resilience score (1 to 10, default 1). */
    @Transactional(readOnly = true)
    public int weightOf(long id) {
        get(id);
        return experimentRows.weightOf(id);
    }

    /** Sets the experiment's weight in the resilience score (1 to 10); moves its version on (If-Match: 412). */
    public int setWeight(long id, int weight, Long expectedVersion) {
        requireChaosEngineer();
        ExperimentView before = get(id);
        Versions.require(expectedVersion, before.version(), "Experiment " + id);
        if (weight < 1 || weight > 10) {
            throw new InvalidInputException("weight", "chaos.error.weight", "between 1 and 10");
        }
        int old = experimentRows.weightOf(id);
        if (experimentRows.setWeight(id, before.version(), weight, clock.instant()) == 0) {
            throw new ConflictException(
                    "chaos.error.experiment.changed",
                    "Experiment " + id + " was changed at the same time; read it again",
                    java.util.Map.of(),
                    id);
        }
        audit.record(
                "chaos.experiment.weighted",
                "chaos-experiment",
                Long.toString(id),
                "Weight of " + before.title() + ": " + weight,
                Map.of("weight", old),
                Map.of("weight", weight));
        events.publishEvent(new ChaosExperimentUpdated(
                id,
                before.currentVersion(),
                before.title(),
                Set.copyOf(before.serviceIds()),
                teams(before.serviceIds()),
                clock.instant()));
        return weight;
    }

    @Transactional(readOnly = true)
    public String scheduleOf(long id) {
        get(id);
        return experimentRows.cron(id).orElse(null);
    }

    @Transactional(readOnly = true)
    public ExperimentView get(long id) {
        return experimentRows
                .findExperiment(id)
                .map(input::view)
                .orElseThrow(() -> new NotFoundException("Experiment", id));
    }

    @Transactional(readOnly = true)
    public List<ExperimentView> list(String service) {
        if (service != null && !service.isBlank()) {
            CatalogService s = catalog.service(service);
            Set<Long> ids = Set.copyOf(experimentRows.experimentsOfService(s.id()));
            return experimentRows.experiments().stream()
                    .filter(e -> ids.contains(e.id()))
                    .map(input::view)
                    .toList();
        }
        return experimentRows.experiments().stream().map(input::view).toList();
    }

    @Transactional(readOnly = true)
    public List<ExperimentVersionView> versions(long id) {
        get(id);
        return experimentRows.versions(id);
    }

    /** The definition of one version (JSON). */
    @Transactional(readOnly = true)
    public String definition(long id, int number) {
        return experimentRows
                .definition(id, number)
                .orElseThrow(() -> new NotFoundException("Experiment version", id + "/" + number));
    }

    /** The current definition as YAML. */
    @Transactional(readOnly = true)
    public String yaml(long id) {
        return Engine.yaml(get(id).definition());
    }

    Set<Long> teams(List<Long> serviceIds) {
        return serviceIds.isEmpty() ? Set.of() : catalog.owningTeamIds(serviceIds);
    }

    static void requireChaosEngineer() {
        if (!Actor.isSystem() && !Actor.hasRole(Role.CHAOS_ENGINEER)) {
            throw new AccessDeniedException("chaos needs the CHAOS_ENGINEER role");
        }
    }
}
