package dev.kintsugi.incident.web;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentProperties;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.web.IncidentApiModels.*;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

/** {@code /api/v1/incidents}: VIEWER reads, RESPONDER acts. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "Declare incidents and run them to resolution")
class IncidentApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String ACT = "hasRole('RESPONDER')";

    private final IncidentManagement incidents;
    private final IncidentProperties properties;

    IncidentApiController(IncidentManagement incidents, IncidentProperties properties) {
        this.incidents = incidents;
        this.properties = properties;
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(summary = "List incidents, newest first, with filters and pagination")
    PageResult<IncidentSummary> list(
            @RequestParam(required = false) List<IncidentStatus> status,
            @RequestParam(required = false) List<Severity> severity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        Set<IncidentStatus> statuses =
                status == null || status.isEmpty() ? EnumSet.noneOf(IncidentStatus.class) : EnumSet.copyOf(status);
        if (Boolean.TRUE.equals(open)) {
            statuses = statuses.isEmpty()
                    ? EnumSet.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)
                    : statuses;
            statuses.removeIf(s -> !s.isOpen());
        }
        Set<Severity> severities = severity == null || severity.isEmpty() ? Set.of() : EnumSet.copyOf(severity);
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        return incidents.search(new IncidentQuery(statuses, severities, service, team, q, page, size));
    }

    @GetMapping("/open-by-severity")
    @PreAuthorize(READ)
    @Operation(summary = "Open incidents per severity (the dashboard's counters)")
    Map<Severity, Long> openBySeverity() {
        return incidents.openBySeverity();
    }

    @PostMapping
    @PreAuthorize(ACT)
    @Operation(summary = "Declare an incident")
    ResponseEntity<IncidentResponse> declare(@Valid @RequestBody DeclareRequest r) {
        var view = incidents.declare(new DeclareIncident(
                r.title(),
                r.description(),
                r.severity(),
                r.services(),
                IncidentApiModels.instant(r.impactStartedAt()),
                IncidentApiModels.instant(r.detectedAt()),
                Boolean.TRUE.equals(r.privateIncident()),
                r.commander(),
                null));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + view.key()))
                .body(IncidentResponse.of(view, properties));
    }

    @GetMapping("/{key}")
    @PreAuthorize(READ)
    @Operation(summary = "One incident, by key (INC-12)")
    IncidentResponse get(@PathVariable String key) {
        return IncidentResponse.of(incidents.get(key), properties);
    }

    @PatchMapping("/{key}")
    @PreAuthorize(ACT)
    @Operation(summary = "Change title, description, severity, affected services or the private flag")
    IncidentResponse update(@PathVariable String key, @Valid @RequestBody UpdateRequest r) {
        return IncidentResponse.of(
                incidents.update(
                        key,
                        new UpdateIncident(
                                r.title(), r.description(), r.severity(), r.services(), r.privateIncident())),
                properties);
    }

    @PostMapping("/{key}/transitions")
    @PreAuthorize(ACT)
    @Operation(summary = "Move to another status; 409 with allowedNext when the move is illegal")
    IncidentResponse transition(@PathVariable String key, @Valid @RequestBody TransitionRequest r) {
        Long duplicateOf = r.duplicateOf() == null || r.duplicateOf().isBlank() ? null : duplicateId(r.duplicateOf());
        return IncidentResponse.of(
                incidents.transition(key, new Transition(r.to(), r.reason(), r.closureReason(), duplicateOf)),
                properties);
    }

    private long duplicateId(String key) {
        try {
            return incidents.idOf(key);
        } catch (RuntimeException e) {
            throw new InvalidInputException("duplicateOf", "no incident '" + key + "'");
        }
    }

    @PostMapping("/{key}/acknowledge")
    @PreAuthorize(ACT)
    @Operation(summary = "Acknowledge; the caller becomes commander if there is none")
    IncidentResponse acknowledge(@PathVariable String key) {
        return IncidentResponse.of(incidents.acknowledge(key), properties);
    }

    @PutMapping("/{key}/roles/{role}")
    @PreAuthorize(ACT)
    @Operation(summary = "Give a role (commander, scribe, communications) to someone; an empty username clears it")
    IncidentResponse assign(@PathVariable String key, @PathVariable String role, @Valid @RequestBody RoleRequest r) {
        return IncidentResponse.of(incidents.assign(key, role(role), r.username()), properties);
    }

    @DeleteMapping("/{key}/roles/{role}")
    @PreAuthorize(ACT)
    @Operation(summary = "Clear a role")
    IncidentResponse clear(@PathVariable String key, @PathVariable String role) {
        return IncidentResponse.of(incidents.assign(key, role(role), null), properties);
    }

    @PostMapping("/{key}/participants")
    @PreAuthorize(ACT)
    @Operation(summary = "Add a participant")
    IncidentResponse join(@PathVariable String key, @Valid @RequestBody ParticipantRequest r) {
        return IncidentResponse.of(incidents.join(key, r.username()), properties);
    }

    @PutMapping("/{key}/milestones/{milestone}")
    @PreAuthorize(ACT)
    @Operation(summary = "Correct a milestone time after the fact (audited); null clears it")
    IncidentResponse milestone(
            @PathVariable String key, @PathVariable String milestone, @RequestBody MilestoneRequest r) {
        return IncidentResponse.of(
                incidents.editMilestone(key, milestone(milestone), IncidentApiModels.instant(r.at())), properties);
    }

    @GetMapping("/{key}/timeline")
    @PreAuthorize(READ)
    @Operation(summary = "The timeline, oldest first")
    List<TimelineEntryResponse> timeline(@PathVariable String key) {
        return incidents.timeline(key).stream().map(TimelineEntryResponse::of).toList();
    }

    @PostMapping("/{key}/timeline")
    @PreAuthorize(ACT)
    @Operation(summary = "Add a note or a status update (internal or public)")
    ResponseEntity<TimelineEntryResponse> addNote(@PathVariable String key, @Valid @RequestBody NoteRequest r) {
        var entry = incidents.addNote(
                key,
                new NewNote(
                        r.kind(),
                        r.body(),
                        IncidentApiModels.instant(r.occurredAt()),
                        r.perspective(),
                        r.visibility()));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + key + "/timeline/" + entry.id()))
                .body(TimelineEntryResponse.of(entry));
    }

    @PutMapping("/{key}/timeline/{entryId}/pin")
    @PreAuthorize(ACT)
    @Operation(summary = "Pin or unpin an entry as a key event")
    TimelineEntryResponse pin(@PathVariable String key, @PathVariable long entryId, @Valid @RequestBody PinRequest r) {
        return TimelineEntryResponse.of(incidents.pin(key, entryId, r.pinned()));
    }

    static IncidentRole role(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "commander", "incident-commander" -> IncidentRole.COMMANDER;
            case "scribe" -> IncidentRole.SCRIBE;
            case "communications", "comms", "communications-lead" -> IncidentRole.COMMUNICATIONS;
            default -> throw new InvalidInputException("role", "must be commander, scribe or communications");
        };
    }

    static Milestone milestone(String value) {
        String v = value.replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        try {
            return Milestone.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("milestone", "unknown milestone '" + value + "'");
        }
    }
}
