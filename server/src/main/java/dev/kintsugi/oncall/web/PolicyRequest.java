package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.EscalationLevel;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.PolicyRouting;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.calendar.WorkCalendar;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An escalation policy as a client writes it. Each level targets a user (username), a schedule or a team (by
 * name). {@code calendar}: the working calendar that routing uses (absent: page always, never pause).
 */
record PolicyRequest(
        @Schema(example = "payments-default") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
        String name,

        @Schema(example = "Payments default") @NotBlank @Size(max = 128)
        String displayName,

        @NotBlank @Size(max = 64) String team,
        boolean teamDefault,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull LevelRequest> levels,
        @Min(0) @Max(10) int repeat,
        @Valid CalendarRequest calendar,
        @Size(max = 5) List<@NotBlank @Size(max = 32) String> afterHoursSeverities,
        boolean pauseOnDaysOff) {

    record LevelRequest(
            @NotNull EscalationLevel.TargetType type,

            @Schema(example = "payments-primary") @NotBlank @Size(max = 64)
            String target,

            @Min(1) @Max(1440) int timeoutMinutes) {}

    record CalendarRequest(
            @Schema(example = "Europe/Paris") @NotBlank @Size(max = 64)
            String timeZone,

            @NotEmpty @Size(max = 7) List<DayOfWeek> workDays,
            @Schema(example = "09:00") @NotNull LocalTime dayStart,
            @Schema(example = "18:00") @NotNull LocalTime dayEnd,
            @Size(max = 400) List<@NotNull LocalDate> holidays) {}

    EscalationPolicies.PolicyDraft toDraft(EscalationPolicies policies) {
        List<EscalationLevel> ls = levels.stream()
                .map(l -> switch (l.type()) {
                    case USER -> new EscalationLevel(l.type(), l.target(), null, null, l.timeoutMinutes());
                    case SCHEDULE ->
                        new EscalationLevel(
                                l.type(),
                                null,
                                policies.scheduleId(l.target(), "levels.target"),
                                null,
                                l.timeoutMinutes());
                    case TEAM ->
                        new EscalationLevel(
                                l.type(), null, null, policies.teamId(l.target(), "levels.target"), l.timeoutMinutes());
                })
                .toList();
        PolicyRouting routing = PolicyRouting.ALWAYS;
        if (calendar != null) {
            if (!calendar.dayEnd().equals(LocalTime.MIDNIGHT)
                    && !calendar.dayStart().isBefore(calendar.dayEnd())) {
                throw new InvalidInputException(
                        "calendar.dayEnd", "oncall.invalid.dayEnd", "must be after dayStart (or 00:00 for midnight)");
            }
            for (LocalDate d : calendar.holidays() == null ? List.<LocalDate>of() : calendar.holidays()) {
                if (d.getYear() < 1970 || d.getYear() > 9999) {
                    throw new InvalidInputException(
                            "calendar.holidays", "oncall.invalid.year", "between 1970 and 9999");
                }
            }
            WorkCalendar cal = new WorkCalendar(
                    ScheduleRequest.zone(calendar.timeZone(), "calendar.timeZone"),
                    Set.copyOf(calendar.workDays()),
                    calendar.dayStart(),
                    calendar.dayEnd(),
                    new TreeSet<>(calendar.holidays() == null ? List.of() : calendar.holidays()));
            routing = new PolicyRouting(cal, afterHoursSeverities, pauseOnDaysOff);
        } else if ((afterHoursSeverities != null && !afterHoursSeverities.isEmpty()) || pauseOnDaysOff) {
            throw new InvalidInputException(
                    "calendar", "oncall.invalid.routingNeedsCalendar", "routing by working hours needs a calendar");
        }
        return new EscalationPolicies.PolicyDraft(name, displayName, team, teamDefault, ls, repeat, routing);
    }
}
