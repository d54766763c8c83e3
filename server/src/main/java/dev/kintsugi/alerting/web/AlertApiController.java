package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.AlertOccurrence;
import dev.kintsugi.alerting.DefinitionDraft;
import dev.kintsugi.alerting.GroupStatus;
import dev.kintsugi.alerting.LabelMatcher;
import dev.kintsugi.alerting.MaintenanceWindow;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SeverityMapping;
import dev.kintsugi.alerting.Silence;
import dev.kintsugi.alerting.Silences;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alert groups, the alert catalog, silences and maintenance windows over HTTP. */
@RestController
@RequestMapping("/api/v1/alerting")
@Tag(name = "Alerting")
class AlertApiController {
    private final AlertGroups groups;
    private final AlertCatalog definitions;
    private final Silences silences;
    private final CatalogManagement catalog;
    private final Markdown markdown;

    AlertApiController(
            AlertGroups groups,
            AlertCatalog definitions,
            Silences silences,
            CatalogManagement catalog,
            Markdown markdown) {
        this.groups = groups;
        this.definitions = definitions;
        this.silences = silences;
        this.catalog = catalog;
        this.markdown = markdown;
    }

    record GroupDetail(AlertGroupView group, long occurrenceCount, List<AlertOccurrence> occurrences) {}

    record DefinitionRequest(
            @NotBlank @Size(max = 150) String name,
            @NotBlank @Size(max = 64) String ownerTeam,
            @NotBlank @Size(max = 2000) String matchers,
            @Size(max = 500) String severityMapping,
            RoutingAction routing,
            @NotBlank @Size(max = AlertCatalog.MAX_RUNBOOK) String runbook,
            @Min(1) @Max(100_000) Integer expectedMinutes) {
        DefinitionDraft draft() {
            return new DefinitionDraft(name, ownerTeam, matchers, severityMapping, routing, runbook, expectedMinutes);
        }
    }

    record DefinitionResponse(
            long id,
            String name,
            String ownerTeam,
            String matchers,
            String severityMapping,
            RoutingAction routing,
            String runbook,
            String runbookHtml,
            Integer expectedMinutes,
            Instant createdAt,
            long version) {}

    record SilenceRequest(
            @NotBlank @Size(max = 2000) String matchers,
            Instant startsAt,
            @NotNull Instant endsAt,
            @NotBlank @Size(max = 1000) String comment) {}

    record SilenceResponse(
            long id,
            String matchers,
            Instant startsAt,
            Instant endsAt,
            String comment,
            String createdBy,
            long version) {
        static SilenceResponse of(Silence s) {
            return new SilenceResponse(
                    s.id(),
                    String.join(
                            ", ",
                            s.matchers().stream().map(LabelMatcher::toString).toList()),
                    s.startsAt(),
                    s.endsAt(),
                    s.comment(),
                    s.createdBy(),
                    s.version());
        }
    }

    record MaintenanceRequest(
            @NotBlank @Size(max = 64) String service,
            Instant startsAt,
            @NotNull Instant endsAt,
            @NotBlank @Size(max = 1000) String reason) {}

    // ---- groups ----

    @GetMapping("/groups")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Alert groups, most recent first; filters: status, open, service, team, integration, q")
    List<AlertGroupView> groups(
            @RequestParam(required = false) GroupStatus status,
            @RequestParam(defaultValue = "false") boolean open,
            @RequestParam(required = false) @Size(max = 64) String service,
            @RequestParam(required = false) @Size(max = 64) String team,
            @RequestParam(required = false) Long integration,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Long serviceId = service == null || service.isBlank()
                ? null
                : catalog.service(service).id();
        Long teamId = team == null || team.isBlank() ? null : catalog.team(team).id();
        return groups.search(new Filter(status, open, serviceId, teamId, integration, q), limit);
    }

    @GetMapping("/groups/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One alert group with its latest occurrences")
    ResponseEntity<GroupDetail> group(@PathVariable long id) {
        AlertGroupView g = groups.get(id);
        return ResponseEntity.ok()
                .eTag(Versions.etag(g.version()))
                .body(new GroupDetail(g, groups.occurrenceCount(id), groups.occurrences(id, 100)));
    }

    @PostMapping("/groups/{id}/acknowledge")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Acknowledge an alert group (and its incident)")
    ResponseEntity<AlertGroupView> acknowledge(
            @PathVariable long id, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        AlertGroupView g = groups.acknowledge(id, Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(g.version())).body(g);
    }

    @PostMapping("/groups/{id}/resolve")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Resolve an alert group by hand")
    ResponseEntity<AlertGroupView> resolve(
            @PathVariable long id, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        AlertGroupView g = groups.resolve(id, Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(g.version())).body(g);
    }

    // ---- catalog ----

    @GetMapping("/definitions")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The alert catalog")
    List<DefinitionResponse> definitions() {
        return definitions.list().stream().map(this::describe).toList();
    }

    @GetMapping("/definitions/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One alert definition with its runbook")
    ResponseEntity<DefinitionResponse> definition(@PathVariable long id) {
        AlertDefinition d = definitions.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(d.version())).body(describe(d));
    }

    @PostMapping("/definitions")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Document an alert: <application>.<squad>.<description>, owner team, matchers, runbook")
    ResponseEntity<DefinitionResponse> create(@Valid @RequestBody DefinitionRequest r) {
        AlertDefinition d = definitions.create(r.draft());
        return ResponseEntity.created(URI.create("/api/v1/alerting/definitions/" + d.id()))
                .eTag(Versions.etag(d.version()))
                .body(describe(d));
    }

    @PutMapping("/definitions/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Replace an alert definition")
    ResponseEntity<DefinitionResponse> update(
            @PathVariable long id,
            @Valid @RequestBody DefinitionRequest r,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        AlertDefinition d = definitions.update(id, r.draft(), Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(d.version())).body(describe(d));
    }

    @GetMapping("/undocumented")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Alerts no definition matches, per team, each with a prefilled definition")
    List<AlertCatalog.Undocumented> undocumented(@RequestParam(required = false) @Size(max = 64) String team) {
        return definitions.undocumented(team);
    }

    // ---- silences, maintenance ----

    @GetMapping("/silences")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Silences, the latest ending first")
    List<SilenceResponse> silences() {
        return silences.recent().stream().map(SilenceResponse::of).toList();
    }

    @PostMapping("/silences")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Silence alerts matching label matchers (=, !=, =~, !~) until endsAt")
    ResponseEntity<SilenceResponse> silence(@Valid @RequestBody SilenceRequest r) {
        Silence s = silences.create(r.matchers(), r.startsAt(), r.endsAt(), r.comment());
        return ResponseEntity.created(URI.create("/api/v1/alerting/silences/" + s.id()))
                .eTag(Versions.etag(s.version()))
                .body(SilenceResponse.of(s));
    }

    @DeleteMapping("/silences/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "End a silence now")
    ResponseEntity<SilenceResponse> expire(
            @PathVariable long id, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        Silence s = silences.expire(id, Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(SilenceResponse.of(s));
    }

    @GetMapping("/maintenance")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Maintenance windows not ended yet")
    List<MaintenanceWindow> maintenance() {
        return silences.maintenanceNotEnded();
    }

    @PostMapping("/maintenance")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Plan a maintenance window for a service: its alerts page nobody meanwhile")
    ResponseEntity<MaintenanceWindow> plan(@Valid @RequestBody MaintenanceRequest r) {
        MaintenanceWindow w = silences.maintenance(r.service(), r.startsAt(), r.endsAt(), r.reason());
        return ResponseEntity.status(201).body(w);
    }

    private DefinitionResponse describe(AlertDefinition d) {
        return new DefinitionResponse(
                d.id(),
                d.name(),
                catalog.findTeam(d.ownerTeamId()).map(t -> t.name()).orElse(null),
                String.join(
                        ", ", d.matchers().stream().map(LabelMatcher::toString).toList()),
                SeverityMapping.format(d.severityMapping()),
                d.routing(),
                d.runbook(),
                markdown.toHtml(d.runbook()),
                d.expectedMinutes(),
                d.createdAt(),
                d.version());
    }
}
