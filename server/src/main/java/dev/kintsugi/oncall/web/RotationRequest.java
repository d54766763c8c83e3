package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Rotation;
import dev.kintsugi.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One rotation of a schedule. {@code start} is the local date-time of the first handoff in {@code timeZone} (the
 * schedule's when absent); each turn lasts {@code length} {@code unit}s; {@code restrictDays}, {@code
 * restrictFrom} and {@code restrictTo} limit on-call to those days and hours.
 */
record RotationRequest(
        @Schema(example = "primary") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
        String key,

        @Schema(example = "Primary") @Size(max = 128) String name,
        @Min(0) @Max(100) int layer,
        @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> participants,
        @Schema(example = "2026-12-07T09:00:00") @NotNull LocalDateTime start,
        @Schema(example = "Europe/Paris") @Size(max = 64) String timeZone,
        @NotNull Rotation.ShiftUnit unit,
        @Min(1) @Max(1000) int length,
        @Size(max = 7) List<DayOfWeek> restrictDays,
        @Schema(example = "09:00") LocalTime restrictFrom,
        @Schema(example = "18:00") LocalTime restrictTo) {

    Rotation toRotation(ZoneId scheduleZone) {
        if (start.getYear() < 1970 || start.getYear() > 9999) {
            throw new InvalidInputException(
                    "rotations.start", "oncall.invalid.yearRange", "must be between 1970 and 9999");
        }
        ZoneId zone = timeZone == null || timeZone.isBlank()
                ? scheduleZone
                : ScheduleRequest.zone(timeZone, "rotations.timeZone");
        if (restrictFrom != null
                && restrictTo != null
                && !restrictTo.equals(LocalTime.MIDNIGHT)
                && !restrictFrom.isBefore(restrictTo)) {
            throw new InvalidInputException(
                    "rotations.restrictTo", "oncall.invalid.restrictTo", "must be after restrictFrom");
        }
        if (participants.stream().distinct().count() != participants.size()) {
            throw new InvalidInputException(
                    "rotations.participants", "oncall.invalid.participantTwice", "each person once");
        }
        return new Rotation(
                key,
                name == null || name.isBlank() ? key : name,
                layer,
                participants,
                start,
                zone,
                unit,
                length,
                restrictDays == null ? null : Set.copyOf(restrictDays),
                restrictFrom,
                restrictTo);
    }

    static RotationRequest of(Rotation r) {
        return new RotationRequest(
                r.key(),
                r.name(),
                r.layer(),
                r.participants(),
                r.start(),
                r.zone().getId(),
                r.unit(),
                r.length(),
                r.restrictDays().stream().sorted().toList(),
                r.restrictFrom(),
                r.restrictTo());
    }
}
