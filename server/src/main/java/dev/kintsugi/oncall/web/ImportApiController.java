package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.OpsgenieImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Moving off Opsgenie: its schedules and escalations, as its API returns them, into one team. */
@RestController
@Tag(name = "On-call import", description = "Schedules and escalation policies from Opsgenie")
class ImportApiController {
    private final OpsgenieImport opsgenie;

    ImportApiController(OpsgenieImport opsgenie) {
        this.opsgenie = opsgenie;
    }

    /**
     * {@code schedules}: the answer of Opsgenie's {@code GET /v2/schedules?expand=rotation}; {@code escalations}:
     * the answer of {@code GET /v2/escalations}.
     */
    record OpsgenieRequest(
            @NotBlank @Size(max = 64) String team,
            @Valid OpsgenieImport.ScheduleList schedules,
            @Valid OpsgenieImport.EscalationList escalations) {}

    @PostMapping("/api/v1/oncall/imports/opsgenie")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Import Opsgenie schedules (with rotations) and escalation policies into a team, all or nothing")
    ResponseEntity<OpsgenieImport.Result> importOpsgenie(@Valid @RequestBody OpsgenieRequest r) {
        return ResponseEntity.status(201).body(opsgenie.importInto(r.team(), r.schedules(), r.escalations()));
    }
}
