package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.ScheduleDraft;
import dev.kintsugi.oncall.Schedules;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.List;

/** A schedule as a client writes it: create (POST) and replace (PUT). */
record ScheduleRequest(
        @Schema(example = "payments-primary") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
        String name,

        @Schema(example = "Payments primary") @NotBlank @Size(max = 128)
        String displayName,

        @Schema(example = "payments") @NotBlank @Size(max = 64)
        String team,

        @Schema(example = "Europe/Paris") @NotBlank @Size(max = 64)
        String timeZone,

        @Size(max = 20) List<@Valid RotationRequest> rotations) {

    ScheduleDraft toDraft() {
        ZoneId zone = zone(timeZone, "timeZone");
        return new ScheduleDraft(
                name,
                displayName,
                team,
                zone,
                rotations == null
                        ? List.of()
                        : rotations.stream().map(r -> r.toRotation(zone)).toList());
    }

    static ZoneId zone(String id, String field) {
        return Schedules.zone(id, field);
    }
}
