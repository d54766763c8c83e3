package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ExperimentVersionView;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Chaos Toolkit experiments over HTTP: anyone reads, chaos engineers write and run. */
@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments", description = "Chaos Toolkit experiments, versioned, tagged with services, and their runs")
class ExperimentApiController {
    private static final String IF_MATCH_DOC = "the experiment's ETag: refused with 412 if it changed since";
    private final ChaosExperiments experiments;
    private final ChaosRuns runs;

    ExperimentApiController(ChaosExperiments experiments, ChaosRuns runs) {
        this.experiments = experiments;
        this.runs = runs;
    }

    /** A new experiment: its Chaos Toolkit text (JSON or YAML) and the catalog services it targets. */
    record CreateExperimentRequest(
            @NotNull @Size(max = 200_000) String definition,
            @NotNull @Size(min = 1, max = 20) List<String> services) {}

    /** A new version (definition) and/or new services; absent fields stay as they are. */
    record UpdateExperimentRequest(
            @Size(max = 200_000) String definition,
            @Size(min = 1, max = 20) List<String> services) {}

    record ValidateRequest(@NotNull @Size(max = 200_000) String definition) {}

    record ValidateResponse(boolean valid, String definition) {}

    record StartRunRequest(Boolean dry) {}

    /** A cron of six fields (seconds first, UTC), like {@code 0 0 10 * * MON-FRI}; null or blank: no schedule. */
    record ScheduleRequest(@Size(max = 120) String cron) {}

    /** {@code version}: the experiment's, which a schedule change moves on (also the ETag). */
    record ScheduleResponse(String cron, long version) {}

    record ExperimentResponse(
            long id,
            String title,
            int currentVersion,
            List<String> services,
            Object definition,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        static ExperimentResponse of(ExperimentView e) {
            return new ExperimentResponse(
                    e.id(),
                    e.title(),
                    e.currentVersion(),
                    e.services(),
                    JsonText.tree(e.definition()),
                    e.createdBy(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.version());
        }
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List experiments, optionally those targeting one service")
    List<ExperimentResponse> list(@RequestParam(required = false) String service) {
        return experiments.list(service).stream().map(ExperimentResponse::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One experiment at its current version")
    ResponseEntity<ExperimentResponse> get(@PathVariable long id) {
        return ok(experiments.get(id));
    }

    @PostMapping
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Create an experiment from Chaos Toolkit JSON or YAML (an import); every problem is listed")
    ResponseEntity<ExperimentResponse> create(
            @Valid @RequestBody CreateExperimentRequest request, UriComponentsBuilder uri) {
        ExperimentView e = experiments.create(request.definition(), request.services());
        URI location =
                uri.path("/api/v1/experiments/{id}").buildAndExpand(e.id()).toUri();
        return ResponseEntity.created(location).eTag(Versions.etag(e.version())).body(ExperimentResponse.of(e));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Save a new version of the definition and/or change the services")
    ResponseEntity<ExperimentResponse> update(
            @PathVariable long id,
            @Valid @RequestBody UpdateExperimentRequest request,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(experiments.update(id, request.definition(), request.services(), Versions.expected(ifMatch)));
    }

    @PostMapping("/validate")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Check a definition with the engine without saving it (400 lists every problem)")
    ValidateResponse validate(@Valid @RequestBody ValidateRequest request) {
        return new ValidateResponse(true, experiments.validate(request.definition()));
    }

    @GetMapping("/{id}/schedule")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The experiment's cron schedule (null: none)")
    ResponseEntity<ScheduleResponse> schedule(@PathVariable long id) {
        return scheduleResponse(id, experiments.scheduleOf(id));
    }

    @PutMapping("/{id}/schedule")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Run the experiment on a cron schedule (each firing runs once across instances)")
    ResponseEntity<ScheduleResponse> setSchedule(
            @PathVariable long id,
            @Valid @RequestBody ScheduleRequest request,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return scheduleResponse(id, experiments.schedule(id, request.cron(), Versions.expected(ifMatch)));
    }

    private ResponseEntity<ScheduleResponse> scheduleResponse(long id, String cron) {
        long version = experiments.get(id).version();
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(new ScheduleResponse(cron, version));
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Every saved version, newest first")
    List<ExperimentVersionView> versions(@PathVariable long id) {
        return experiments.versions(id);
    }

    @GetMapping("/{id}/export")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The Chaos Toolkit file (JSON, or YAML with format=yaml), for the CLI or chaostoolkit")
    ResponseEntity<String> export(
            @PathVariable long id,
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) Integer version) {
        ExperimentView e = experiments.get(id);
        String json = version == null ? e.definition() : experiments.definition(id, version);
        boolean yaml = format.equals("yaml");
        if (!yaml && !format.equals("json")) {
            throw new InvalidInputException("format", "chaos.error.export.format", "json or yaml");
        }
        String body = yaml ? experiments.yaml(id) : json;
        if (yaml && version != null) {
            throw new InvalidInputException(
                    "version", "chaos.error.export.yamlVersion", "YAML export is of the current version");
        }
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"experiment-" + id + (yaml ? ".yaml" : ".json") + "\"")
                .contentType(yaml ? MediaType.parseMediaType("application/yaml") : MediaType.APPLICATION_JSON)
                .body(body);
    }

    @PostMapping("/{id}/runs")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Start a run (409 with the reason when a guardrail refuses it)")
    ResponseEntity<RunApiController.RunResponse> start(
            @PathVariable long id, @RequestBody(required = false) StartRunRequest request, UriComponentsBuilder uri) {
        RunView run = runs.start(id, request != null && Boolean.TRUE.equals(request.dry()));
        URI location =
                uri.path("/api/v1/chaos/runs/{id}").buildAndExpand(run.id()).toUri();
        return ResponseEntity.created(location).body(RunApiController.RunResponse.of(run, List.of()));
    }

    @GetMapping("/{id}/runs")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The experiment's runs, newest first")
    List<RunApiController.RunResponse> runs(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return runs.ofExperiment(id, Math.max(1, Math.min(limit, 500))).stream()
                .map(r -> RunApiController.RunResponse.of(r, List.of()))
                .toList();
    }

    private static ResponseEntity<ExperimentResponse> ok(ExperimentView e) {
        return ResponseEntity.ok().eTag(Versions.etag(e.version())).body(ExperimentResponse.of(e));
    }
}
