package dev.kintsugi.incident.web;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.SeverityTexts;
import dev.kintsugi.incident.TimelineMessages;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.web.IncidentApiModels.*;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

/**
 * {@code /api/v1/incidents}: VIEWER reads, RESPONDER acts. An incident answers with its {@code version} and
 * {@code ETag}; every write honours {@code If-Match} (412 when stale) and two concurrent writes never lose one
 * another (the loser gets 409).
 */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "Declare incidents and run them to resolution")
class IncidentApiController {
    static final String IF_MATCH_DOC = "the ETag of the incident as you read it (\"3\"): a write to an incident"
            + " changed since is refused with 412 and changes nothing";
    private static final String READ = "hasRole('VIEWER')";
    private static final String ACT = "hasRole('RESPONDER')";

    private final IncidentManagement incidents;
    private final SeverityTexts severities;
    private final TimelineMessages texts;

    IncidentApiController(IncidentManagement incidents, SeverityTexts severities, TimelineMessages texts) {
        this.incidents = incidents;
        this.severities = severities;
        this.texts = texts;
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
            throw new InvalidInputException("page", "validation.notNegative", "must be 0 or more");
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
                .eTag(Versions.etag(view.version()))
                .body(IncidentResponse.of(view, severities));
    }

    @GetMapping("/{key}")
    @PreAuthorize(READ)
    @Operation(summary = "One incident, by key (INC-12)")
    ResponseEntity<IncidentResponse> get(@PathVariable String key) {
        return ok(incidents.get(key));
    }

    @PatchMapping("/{key}")
    @PreAuthorize(ACT)
    @Operation(summary = "Change title, description, severity, affected services or the private flag")
    ResponseEntity<IncidentResponse> update(
            @PathVariable String key,
            @Valid @RequestBody UpdateRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.update(
                key,
                new UpdateIncident(r.title(), r.description(), r.severity(), r.services(), r.privateIncident()),
                Versions.expected(ifMatch)));
    }

    @PostMapping("/{key}/transitions")
    @PreAuthorize(ACT)
    @Operation(summary = "Move to another status; 409 with allowedNext when the move is illegal")
    ResponseEntity<IncidentResponse> transition(
            @PathVariable String key,
            @Valid @RequestBody TransitionRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        Long duplicateOf = r.duplicateOf() == null || r.duplicateOf().isBlank() ? null : duplicateId(r.duplicateOf());
        return ok(incidents.transition(
                key, new Transition(r.to(), r.reason(), r.closureReason(), duplicateOf), Versions.expected(ifMatch)));
    }

    private long duplicateId(String key) {
        try {
            return incidents.idOf(key);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "duplicateOf", "incident.validation.noIncident", "no incident '" + key + "'", key);
        }
    }

    @PostMapping("/{key}/acknowledge")
    @PreAuthorize(ACT)
    @Operation(summary = "Acknowledge; the caller becomes commander if there is none")
    ResponseEntity<IncidentResponse> acknowledge(
            @PathVariable String key,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.acknowledge(key, Versions.expected(ifMatch)));
    }

    @PutMapping("/{key}/roles/{role}")
    @PreAuthorize(ACT)
    @Operation(summary = "Give a role (commander, scribe, communications) to someone; an empty username clears it")
    ResponseEntity<IncidentResponse> assign(
            @PathVariable String key,
            @PathVariable String role,
            @Valid @RequestBody RoleRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.assign(key, role(role), r.username(), Versions.expected(ifMatch)));
    }

    @DeleteMapping("/{key}/roles/{role}")
    @PreAuthorize(ACT)
    @Operation(summary = "Clear a role")
    ResponseEntity<IncidentResponse> clear(
            @PathVariable String key,
            @PathVariable String role,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.assign(key, role(role), null, Versions.expected(ifMatch)));
    }

    @PostMapping("/{key}/participants")
    @PreAuthorize(ACT)
    @Operation(summary = "Add a participant")
    ResponseEntity<IncidentResponse> join(
            @PathVariable String key,
            @Valid @RequestBody ParticipantRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.join(key, r.username(), Versions.expected(ifMatch)));
    }

    @PutMapping("/{key}/milestones/{milestone}")
    @PreAuthorize(ACT)
    @Operation(summary = "Correct a milestone time after the fact (audited); null clears it")
    ResponseEntity<IncidentResponse> milestone(
            @PathVariable String key,
            @PathVariable String milestone,
            @RequestBody MilestoneRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(incidents.editMilestone(
                key, milestone(milestone), IncidentApiModels.instant(r.at()), Versions.expected(ifMatch)));
    }

    @GetMapping("/{key}/timeline")
    @PreAuthorize(READ)
    @Operation(summary = "The timeline, oldest first")
    List<TimelineEntryResponse> timeline(@PathVariable String key) {
        var text = texts.forViewer();
        return incidents.timeline(key).stream()
                .map(e -> TimelineEntryResponse.of(e, text.apply(e)))
                .toList();
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
                .body(TimelineEntryResponse.of(entry, texts.forViewer().apply(entry)));
    }

    @PutMapping("/{key}/timeline/{entryId}/pin")
    @PreAuthorize(ACT)
    @Operation(summary = "Pin or unpin an entry as a key event")
    TimelineEntryResponse pin(@PathVariable String key, @PathVariable long entryId, @Valid @RequestBody PinRequest r) {
        var entry = incidents.pin(key, entryId, r.pinned());
        return TimelineEntryResponse.of(entry, texts.forViewer().apply(entry));
    }

    /** The incident with its version as the entity tag, for a client's next {@code If-Match}. */
    private ResponseEntity<IncidentResponse> ok(dev.kintsugi.incident.IncidentView view) {
        return ResponseEntity.ok().eTag(Versions.etag(view.version())).body(IncidentResponse.of(view, severities));
    }

    static IncidentRole role(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "commander", "incident-commander" -> IncidentRole.COMMANDER;
            case "scribe" -> IncidentRole.SCRIBE;
            case "communications", "comms", "communications-lead" -> IncidentRole.COMMUNICATIONS;
            default ->
                throw new InvalidInputException(
                        "role", "incident.validation.role", "must be commander, scribe or communications");
        };
    }

    static Milestone milestone(String value) {
        String v = value.replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        try {
            return Milestone.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "milestone",
                    "incident.validation.unknownMilestoneNamed",
                    "unknown milestone '" + value + "'",
                    value);
        }
    }
}
