package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.ChaosMonkey;
import dev.kintsugi.chaos.MonkeyPlanEntry;
import dev.kintsugi.chaos.MonkeyRecord;
import dev.kintsugi.chaos.MonkeySettings;
import dev.kintsugi.chaos.MonkeyTermination;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service's Chaos Monkey: its configuration (and Netflix's, imported), today's plan, what it did. */
@RestController
@RequestMapping("/api/v1/services/{name}/chaos-monkey")
@Tag(name = "Chaos Monkey", description = "Random terminations during working hours, opt-in per service")
class MonkeyApiController {
    private final ChaosMonkey monkey;

    MonkeyApiController(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    record Rule(
            @Size(max = 100) String account,
            @Size(max = 100) String stack,
            @Size(max = 100) String detail,
            @Size(max = 100) String region) {
        MonkeyGroups.Rule rule() {
            return new MonkeyGroups.Rule(account, stack, detail, region);
        }
    }

    record Freeze(
            @NotNull LocalDate from,
            @NotNull LocalDate to,
            @Size(max = 200) String reason) {}

    record SettingsRequest(
            @NotNull Boolean enabled,
            Boolean leashed,
            @NotNull @Min(1) @Max(10_000) Integer meanTimeBetweenKillsInWorkDays,
            @NotNull @Min(0) @Max(10_000) Integer minTimeBetweenKillsInWorkDays,
            MonkeyGroups.Grouping grouping,
            Boolean regionsAreIndependent,
            @Size(max = 50) List<@Size(max = 63) String> environments,
            @Size(max = 253) String clusterLabel,
            @Size(max = 200) List<@Size(max = 63) String> clusters,
            @Size(max = 50) List<@Size(max = 63) String> regions,
            @Size(max = 200) List<@Valid Rule> exceptions,
            @Size(max = 200) List<@Valid Rule> whitelist,
            @Size(max = 200) List<@Size(max = 253) String> exceptTargets,
            @NotNull MonkeyTermination termination,
            @Size(max = 80) String target,
            @Min(1) @Max(240) Integer durationMinutes,
            @Size(max = 64) String zone,
            @Size(max = 7) List<DayOfWeek> workDays,
            LocalTime dayStart,
            LocalTime dayEnd,
            @Size(max = 1000) List<LocalDate> holidays,
            @Size(max = 100) List<@Valid Freeze> freezes,
            @Size(max = 5) List<Severity> blockingSeverities,
            Boolean planVisibleToTeam,
            @Min(0) @Max(1440) Integer unhealthyAfterMinutes,
            Long seed) {

        MonkeySettings settings() {
            MonkeySettings d = MonkeySettings.defaults(0);
            return new MonkeySettings(
                    0,
                    enabled,
                    leashed == null || leashed,
                    meanTimeBetweenKillsInWorkDays,
                    minTimeBetweenKillsInWorkDays,
                    grouping == null ? d.grouping() : grouping,
                    regionsAreIndependent == null ? d.regionsAreIndependent() : regionsAreIndependent,
                    environments,
                    clusterLabel,
                    clusters,
                    regions,
                    exceptions == null
                            ? null
                            : exceptions.stream().map(Rule::rule).toList(),
                    whitelist == null
                            ? null
                            : whitelist.stream().map(Rule::rule).toList(),
                    exceptTargets,
                    termination,
                    target == null || target.isBlank() ? null : target.strip(),
                    durationMinutes == null ? d.durationMinutes() : durationMinutes,
                    zone == null || zone.isBlank() ? d.zone() : zone.strip(),
                    workDays == null ? d.workDays() : workDays,
                    dayStart == null ? d.dayStart() : dayStart,
                    dayEnd == null ? d.dayEnd() : dayEnd,
                    holidays,
                    freezes == null
                            ? null
                            : freezes.stream()
                                    .map(f -> new MonkeySettings.Freeze(f.from(), f.to(), f.reason()))
                                    .toList(),
                    blockingSeverities == null ? d.blockingSeverities() : blockingSeverities,
                    planVisibleToTeam != null && planVisibleToTeam,
                    unhealthyAfterMinutes == null ? d.unhealthyAfterMinutes() : unhealthyAfterMinutes,
                    seed,
                    0);
        }
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The service's Chaos Monkey (off and leashed until someone opts the service in)")
    ResponseEntity<MonkeySettings> get(@PathVariable String name) {
        MonkeySettings s = monkey.settings(name);
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @PutMapping
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Replace the service's Chaos Monkey configuration")
    ResponseEntity<MonkeySettings> put(
            @PathVariable String name,
            @Valid @RequestBody SettingsRequest r,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        MonkeySettings s = monkey.configure(name, r.settings(), Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(
            summary = "Import Netflix Chaos Monkey's configuration of an application (Spinnaker's JSON, as it is)",
            description = "Reads enabled, meanTimeBetweenKillsInWorkDays, minTimeBetweenKillsInWorkDays, grouping,"
                    + " regionsAreIndependent, exceptions and whitelist; keeps the leash, the termination and the"
                    + " calendar.")
    ResponseEntity<MonkeySettings> importNetflix(
            @PathVariable String name,
            @RequestBody @Size(max = 200_000) String json,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        MonkeySettings s = monkey.importNetflix(name, json, Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @PostMapping(path = "/holidays", consumes = "text/calendar")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Add the holidays of an iCalendar file (this year and the next two)")
    ResponseEntity<MonkeySettings> holidays(
            @PathVariable String name,
            @RequestBody @Size(max = 2_000_000) String ics,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        MonkeySettings s = monkey.importHolidays(name, ics, Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @GetMapping("/plan")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Today's planned terminations (chaos engineers; the owning team if the service opts in)")
    List<MonkeyPlanEntry> plan(@PathVariable String name) {
        return monkey.today(name);
    }

    @GetMapping("/history")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "What the monkey did (or would have, leashed), latest first")
    List<MonkeyRecord> history(
            @PathVariable String name, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return monkey.history(name, limit);
    }
}
