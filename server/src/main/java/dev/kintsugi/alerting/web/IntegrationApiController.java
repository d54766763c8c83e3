package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.CreatedIntegration;
import dev.kintsugi.alerting.FieldMapping;
import dev.kintsugi.alerting.Integration;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.NewIntegration;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.ingest.Payloads;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Integrations over HTTP: anyone reads; responders of the owning team (or admins) create, re-key and disable. */
@RestController
@RequestMapping("/api/v1/alerting/integrations")
@Tag(name = "Alerting", description = "Integrations, alert groups, the alert catalog, silences")
class IntegrationApiController {
    private final Integrations integrations;
    private final JsonMapper json;

    IntegrationApiController(Integrations integrations, JsonMapper json) {
        this.integrations = integrations;
        this.json = json;
    }

    record CreateIntegrationRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull SourceType sourceType,
            @Size(max = 64) String service,
            @Size(max = 64) String team,
            boolean signed,
            @Size(max = 4000) String mapping,
            RoutingAction routing,
            @Size(max = 200) String key) {}

    record UpdateIntegrationRequest(
            @Size(max = 100) String name, @Size(max = 4000) String mapping, RoutingAction routing) {}

    record MappingPreviewRequest(
            @NotBlank @Size(max = 4000) String mapping,
            @NotBlank @Size(max = 100_000) String sample) {}

    record IntegrationResponse(
            long id,
            String name,
            SourceType sourceType,
            String owner,
            Long serviceId,
            Long teamId,
            String keyHint,
            boolean signed,
            String mapping,
            RoutingAction routing,
            String endpoint,
            String createdBy,
            Instant createdAt,
            Instant previousKeyExpiresAt,
            boolean disabled,
            long version,
            String key,
            String signingSecret) {
        static IntegrationResponse of(Integration i, String owner, String key, String secret) {
            return new IntegrationResponse(
                    i.id(),
                    i.name(),
                    i.sourceType(),
                    owner,
                    i.serviceId(),
                    i.teamId(),
                    i.keyHint(),
                    i.signed(),
                    i.mapping(),
                    i.routing(),
                    IntegrationApiController.endpoint(i.sourceType()),
                    i.createdBy(),
                    i.createdAt(),
                    i.previousKeyExpiresAt(),
                    i.disabled(),
                    i.version(),
                    key,
                    secret);
        }
    }

    /** Where a sender of this type posts (relative to the server's address). */
    static String endpoint(SourceType t) {
        return switch (t) {
            case ALERTMANAGER -> "/webhooks/alertmanager/{key}";
            case GRAFANA -> "/webhooks/grafana/{key}";
            case GENERIC -> "/webhooks/generic/{key}";
            case PAGERDUTY -> "/webhooks/pagerduty/v2/enqueue (routing_key = key)";
            case OPSGENIE -> "/webhooks/opsgenie/v2/alerts (Authorization: GenieKey key)";
        };
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List the integrations (keys are never shown again, only their first characters)")
    List<IntegrationResponse> list() {
        Map<Long, String> owners = integrations.ownerNames();
        return integrations.list().stream()
                .map(i -> IntegrationResponse.of(i, owners.get(i.id()), null, null))
                .toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One integration")
    ResponseEntity<IntegrationResponse> get(@PathVariable long id) {
        return ok(integrations.get(id), null, null);
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Create an integration for a service or a team; the answer carries its key (and signing"
                    + " secret) once")
    ResponseEntity<IntegrationResponse> create(@Valid @RequestBody CreateIntegrationRequest r) {
        CreatedIntegration c = integrations.create(new NewIntegration(
                r.name(), r.sourceType(), r.service(), r.team(), r.signed(), r.mapping(), r.routing(), r.key()));
        return ResponseEntity.created(URI.create(
                        "/api/v1/alerting/integrations/" + c.integration().id()))
                .eTag(Versions.etag(c.integration().version()))
                .body(describe(c.integration(), c.key(), c.signingSecret()));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Rename, change the mapping (generic) or the routing")
    ResponseEntity<IntegrationResponse> update(
            @PathVariable long id,
            @Valid @RequestBody UpdateIntegrationRequest r,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        return ok(integrations.update(id, r.name(), r.mapping(), r.routing(), Versions.expected(ifMatch)), null, null);
    }

    @PostMapping("/{id}/rotate")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "A new key (and signing secret); the old ones keep working for kintsugi.alerting.key-grace")
    ResponseEntity<IntegrationResponse> rotate(
            @PathVariable long id, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        CreatedIntegration c = integrations.rotate(id, Versions.expected(ifMatch));
        return ok(c.integration(), c.key(), c.signingSecret());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Disable an integration: its keys stop working at once")
    ResponseEntity<Void> disable(
            @PathVariable long id, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        integrations.disable(id, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/mapping-preview")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "What a generic mapping reads from a pasted sample (changes nothing)")
    Map<String, Object> preview(@Valid @RequestBody MappingPreviewRequest r) {
        FieldMapping mapping = FieldMapping.parse(r.mapping(), "mapping");
        JsonNode sample;
        try {
            sample = json.readTree(r.sample());
        } catch (RuntimeException e) {
            throw new InvalidInputException("sample", "alerting.notJson", "not JSON");
        }
        if (sample == null || !sample.isObject()) {
            throw new InvalidInputException("sample", "alerting.jsonObject", "a JSON object");
        }
        var e = Payloads.generic("preview", 0, Instant.EPOCH, sample, mapping);
        return Map.of(
                "dedupKey", e.dedupKey(),
                "title", e.title(),
                "action", e.action().name(),
                "severity", e.sourceSeverity() == null ? "" : e.sourceSeverity(),
                "service", e.service() == null ? "" : e.service(),
                "labels", e.labels());
    }

    private ResponseEntity<IntegrationResponse> ok(Integration i, String key, String secret) {
        return ResponseEntity.ok().eTag(Versions.etag(i.version())).body(describe(i, key, secret));
    }

    private IntegrationResponse describe(Integration i, String key, String secret) {
        return IntegrationResponse.of(i, integrations.ownerNames().get(i.id()), key, secret);
    }
}
