package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.ActivityView;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.FaultView;
import dev.kintsugi.chaos.RunStatus;
import dev.kintsugi.chaos.RunView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs, their activities and faults, the journal; stopping a run and resolving a fault need CHAOS_ENGINEER. */
@RestController
@RequestMapping("/api/v1/chaos")
@Tag(name = "Chaos runs", description = "Runs of experiments, their journal, and the faults they injected")
class RunApiController {
    private final ChaosRuns runs;

    RunApiController(ChaosRuns runs) {
        this.runs = runs;
    }

    record RunResponse(
            long id,
            long experimentId,
            String experimentTitle,
            int experimentVersion,
            RunStatus status,
            boolean dry,
            boolean deviated,
            Boolean recovered,
            String stopReason,
            String startedBy,
            Instant startedAt,
            Instant endedAt,
            List<String> incidents) {
        static RunResponse of(RunView r, List<String> incidents) {
            return new RunResponse(
                    r.id(),
                    r.experimentId(),
                    r.experimentTitle(),
                    r.experimentVersion(),
                    r.status(),
                    r.dry(),
                    r.deviated(),
                    r.recovered(),
                    r.stopReason(),
                    r.startedBy(),
                    r.startedAt(),
                    r.endedAt(),
                    incidents);
        }
    }

    @GetMapping("/runs")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Recent runs, newest first (running=true: those in progress)")
    List<RunResponse> list(
            @RequestParam(defaultValue = "false") boolean running, @RequestParam(defaultValue = "50") int limit) {
        List<RunView> list = running ? runs.running() : runs.recent(Math.max(1, Math.min(limit, 500)));
        return list.stream().map(r -> RunResponse.of(r, List.of())).toList();
    }

    @GetMapping("/runs/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One run, with the incidents it wrote on")
    RunResponse get(@PathVariable long id) {
        return RunResponse.of(runs.get(id), runs.incidents(id));
    }

    @GetMapping("/runs/{id}/activities")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The run's activities as they started and ended")
    List<ActivityView> activities(@PathVariable long id) {
        return runs.activities(id);
    }

    @GetMapping("/runs/{id}/faults")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The faults the server journaled for the run")
    List<FaultView> faults(@PathVariable long id) {
        return runs.faults(id);
    }

    @GetMapping("/runs/{id}/journal")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The Chaos Toolkit journal of an ended run (the file the CLI writes)")
    ResponseEntity<String> journal(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"journal-" + id + ".json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(runs.journal(id));
    }

    @PostMapping("/runs/{id}/stop")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Stop a run in progress: its method stops and its rollbacks run")
    RunResponse stop(@PathVariable long id, @RequestParam(required = false) String reason) {
        if (reason != null && reason.length() > 500) {
            throw new dev.kintsugi.platform.InvalidInputException(
                    "reason", "chaos.error.killSwitch.reason", "at most 500 characters");
        }
        return RunResponse.of(runs.stop(id, reason), runs.incidents(id));
    }

    @GetMapping("/faults/unresolved")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Faults whose revert failed and that nobody has resolved")
    List<FaultView> unresolved() {
        return runs.unresolvedFaults();
    }

    @PostMapping("/faults/{id}/revert")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Try a failed revert again")
    FaultView retry(@PathVariable long id) {
        return runs.retryRevert(id);
    }

    @PostMapping("/faults/{id}/resolve")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Say that a fault whose revert failed is gone (it stops being shown)")
    FaultView resolve(@PathVariable long id) {
        return runs.resolve(id);
    }
}
