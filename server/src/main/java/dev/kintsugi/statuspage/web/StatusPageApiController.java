package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.statuspage.Audience;
import dev.kintsugi.statuspage.Audiences;
import dev.kintsugi.statuspage.ComponentState;
import dev.kintsugi.statuspage.Maintenance;
import dev.kintsugi.statuspage.PublicComponent;
import dev.kintsugi.statuspage.PublicIncident;
import dev.kintsugi.statuspage.PublicIncidents;
import dev.kintsugi.statuspage.PublicUpdate;
import dev.kintsugi.statuspage.StatusPage;
import dev.kintsugi.statuspage.StatusWebhooks;
import dev.kintsugi.statuspage.UpdateStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page's editing API: components, overrides and maintenance (admins), an incident's public updates and
 * public summary (its communications lead, an admin, or its post-mortem's facilitator). The public JSON is under {@code /status/api/v2/}.
 */
@RestController
@RequestMapping("/api/v1/status-page")
@Tag(name = "Status page", description = "Public components, public incident updates and summaries, maintenance")
class StatusPageApiController {
    static final String IF_MATCH_DOC = "the version last read (ETag); 412 when it changed since";
    private final StatusPage page;
    private final Audiences audiences;
    private final PublicIncidents publicIncidents;
    private final StatusWebhooks webhooks;

    StatusPageApiController(
            StatusPage page, PublicIncidents publicIncidents, Audiences audiences, StatusWebhooks webhooks) {
        this.page = page;
        this.audiences = audiences;
        this.publicIncidents = publicIncidents;
        this.webhooks = webhooks;
    }

    record WebhookRequest(
            @NotBlank @Size(max = 1000) String url,
            @Size(min = 16, max = 200) String secret,
            @Size(max = 100) List<@NotBlank @Size(max = 64) String> services) {}

    record AudienceRequest(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> services) {}

    record ComponentRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String group,
            @Size(max = 1000) String description,
            @Min(0) @Max(10_000) Integer position) {}

    record OverrideRequest(ComponentState state, Instant until) {}

    record UpdateRequest(
            @NotNull UpdateStatus status,
            @Size(max = StatusPage.MAX_TITLE) String title,
            @Size(max = StatusPage.MAX_BODY) String body,
            Boolean templated) {}

    record SummaryRequest(
            @Size(max = StatusPage.MAX_SUMMARY) String summary) {}

    record MaintenanceRequest(
            @NotBlank @Size(max = StatusPage.MAX_TITLE) String title,
            @Size(max = StatusPage.MAX_BODY) String body,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> services) {}

    record PublicIncidentResponse(
            long incidentId, String title, String summary, List<PublicUpdate> updates, long version) {}

    @GetMapping("/components")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The services shown on the status page, with their public names and overrides")
    List<PublicComponent> components() {
        return page.components();
    }

    @PutMapping("/components/{service}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Show a catalog service on the status page, or change its public name, group, place")
    ResponseEntity<PublicComponent> configure(
            @PathVariable String service,
            @Valid @RequestBody ComponentRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        var c = page.configure(
                service,
                new StatusPage.ComponentDraft(r.group(), r.name(), r.description(), r.position()),
                Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    @DeleteMapping("/components/{service}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Take a service off the status page")
    ResponseEntity<Void> remove(
            @PathVariable String service,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        page.remove(service, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/components/{service}/override")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set an explicit state until a time (a null state returns to the derived one)")
    ResponseEntity<PublicComponent> override(
            @PathVariable String service,
            @Valid @RequestBody OverrideRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        var c = page.override(service, r.state(), r.until(), Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    @GetMapping("/incidents/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "An incident's public record: its public title, summary and updates (404 if unpublished)")
    ResponseEntity<PublicIncidentResponse> incident(@PathVariable String key) {
        PublicIncident pi =
                publicIncidents.publicIncident(key).orElseThrow(() -> new NotFoundException("Public incident", key));
        return ResponseEntity.ok()
                .eTag(Versions.etag(pi.version()))
                .body(new PublicIncidentResponse(
                        pi.incidentId(), pi.title(), pi.summary(), publicIncidents.updates(key), pi.version()));
    }

    @PostMapping("/incidents/{key}/updates")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Publish a public update (the incident's communications lead or an admin); the first"
                    + " one needs a public title and puts the incident on the status page")
    ResponseEntity<PublicUpdate> publish(@PathVariable String key, @Valid @RequestBody UpdateRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(publicIncidents.publish(
                        key, r.status(), r.title(), r.body(), Boolean.TRUE.equals(r.templated())));
    }

    @PutMapping("/incidents/{key}/summary")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Set the public summary customers read (the post-mortem's facilitator, the incident's"
                    + " communications lead or an admin)")
    ResponseEntity<PublicIncident> summary(
            @PathVariable String key,
            @Valid @RequestBody SummaryRequest r,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        var pi = publicIncidents.summarise(key, r.summary(), Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(pi.version())).body(pi);
    }

    @GetMapping("/maintenances")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Planned maintenance, past and future")
    List<Maintenance> maintenances() {
        return page.maintenances();
    }

    @PostMapping("/maintenances")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Plan maintenance on public components")
    ResponseEntity<Maintenance> plan(@Valid @RequestBody MaintenanceRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(page.plan(r.title(), r.body(), r.startsAt(), r.endsAt(), r.services()));
    }

    @DeleteMapping("/maintenances/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Cancel planned maintenance")
    ResponseEntity<Void> cancel(@PathVariable long id) {
        page.cancel(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/audiences")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The audiences (secret links showing some components); their links are not shown again")
    List<Audience> audiences() {
        return audiences.list();
    }

    @PostMapping("/audiences")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create an audience: the answer's link (/status/a/<token>) is shown this once")
    ResponseEntity<Audience> createAudience(@Valid @RequestBody AudienceRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(audiences.create(r.name(), r.services()));
    }

    @PostMapping("/audiences/{id}/link")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace an audience's link: the old one stops working; the new one is shown this once")
    Audience rotateAudience(@PathVariable long id) {
        return audiences.rotate(id);
    }

    @DeleteMapping("/audiences/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete an audience: its link stops working")
    ResponseEntity<Void> deleteAudience(@PathVariable long id) {
        audiences.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/webhooks")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The signed webhooks told of every public change (host only; never the URL or secret)")
    List<StatusWebhooks.Webhook> webhooks() {
        return webhooks.list();
    }

    @PostMapping("/webhooks")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add a signed webhook; the answer's secret (generated when absent) is shown this once")
    ResponseEntity<StatusWebhooks.Webhook> addWebhook(@Valid @RequestBody WebhookRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(webhooks.add(r.url(), r.secret(), r.services()));
    }

    @PostMapping("/webhooks/{id}/secret")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Give a webhook a new generated signing secret, shown this once; the old one stops at once")
    StatusWebhooks.Webhook rotateWebhookSecret(@PathVariable long id) {
        return webhooks.rotateSecret(id);
    }

    @DeleteMapping("/webhooks/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Remove a webhook")
    ResponseEntity<Void> removeWebhook(@PathVariable long id) {
        webhooks.remove(id);
        return ResponseEntity.noContent().build();
    }
}
