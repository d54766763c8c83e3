package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Services over HTTP: anyone may read, responders create and change, admins delete. */
@RestController
@RequestMapping("/api/v1/services")
@Tag(name = "Services", description = "The services (components) in the catalog, their tier, owner and links")
class ServiceApiController {
    private final CatalogManagement catalog;

    ServiceApiController(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List services, optionally filtered by owner team, tier and text")
    List<ServiceResponse> list(
            @Parameter(description = "owner team name") @RequestParam(required = false) String team,
            @RequestParam(required = false) Tier tier,
            @Parameter(description = "text in the name, display name or description") @RequestParam(required = false)
                    String q) {
        return catalog.searchServices(team, tier, q).stream()
                .map(ServiceResponse::of)
                .toList();
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One service")
    ResponseEntity<ServiceResponse> get(@PathVariable String name) {
        return ok(catalog.service(name));
    }

    private static ResponseEntity<ServiceResponse> ok(CatalogService s) {
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(ServiceResponse.of(s));
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Create a service owned by an existing team")
    ResponseEntity<ServiceResponse> create(@Valid @RequestBody CreateServiceRequest request, UriComponentsBuilder uri) {
        CatalogService service = catalog.createService(request.toDraft());
        URI location = uri.path("/api/v1/services/{name}")
                .buildAndExpand(service.name())
                .toUri();
        return ResponseEntity.created(location)
                .eTag(Versions.etag(service.version()))
                .body(ServiceResponse.of(service));
    }

    @PatchMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Change a service: absent fields stay as they are, an empty string clears an optional field")
    ResponseEntity<ServiceResponse> update(
            @PathVariable String name,
            @Valid @RequestBody UpdateServiceRequest request,
            @Parameter(description = CatalogConstraints.IF_MATCH_DOC)
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(catalog.updateService(name, request.toDraft(), Versions.expected(ifMatch)));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete a service (it is archived: its name stays reserved and history keeps it)")
    ResponseEntity<Void> delete(
            @PathVariable String name,
            @Parameter(description = CatalogConstraints.IF_MATCH_DOC)
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        catalog.deleteService(name, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
