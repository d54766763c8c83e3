package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.ChaosHub;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.HubInstantiation;
import dev.kintsugi.chaos.HubTemplateDraft;
import dev.kintsugi.chaos.HubTemplateView;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The hub over HTTP: anyone reads the templates, chaos engineers write their team's and instantiate any. */
@RestController
@RequestMapping("/api/v1/chaos/hub")
@Tag(name = "Chaos hub", description = "Experiment templates (built-in and the teams' own) and their instantiation")
class HubApiController {
    private static final String IF_MATCH_DOC = "the template's ETag: refused with 412 if it changed since";
    private final ChaosHub hub;

    HubApiController(ChaosHub hub) {
        this.hub = hub;
    }

    /**
     * A team's template: {@code parameters} are the defaults (by name, within the fault's bounds); {@code
     * fromExperiment} takes the fault and its values from an experiment ("save as template").
     */
    record TemplateRequest(
            @Size(max = 200) String team,
            @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @Size(max = 1000) String hypothesis,
            @Size(max = 40) String fault,
            @Size(max = 10) Map<String, Integer> parameters,
            @Size(max = 500) String probePath,
            Integer expectedStatus,
            Integer weight,
            Long fromExperiment) {
        HubTemplateDraft draft() {
            return new HubTemplateDraft(
                    team,
                    name,
                    description,
                    hypothesis,
                    fault,
                    parameters,
                    probePath,
                    expectedStatus,
                    weight,
                    fromExperiment);
        }
    }

    /** Which service, which target (one of its chaos targets, or the fields), parameter values, a title. */
    record InstantiateRequest(
            @Size(max = 200) String service,
            Long targetId,
            @Size(max = 2000) String proxyApiUrl,
            @Size(max = 253) String proxy,
            @Size(max = 253) String namespace,
            @Size(max = 2000) String labels,
            @Size(max = 253) String deployment,
            @Size(max = 2000) String probeUrl,
            @Size(max = 10) Map<String, Integer> parameters,
            @Size(max = 300) String title) {}

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Every template: the built-ins, then the teams' own")
    List<HubTemplateView> list(Locale locale) {
        return hub.list(locale);
    }

    @GetMapping("/faults")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The faults a template can name, with their parameters (bounds and defaults)")
    Map<String, List<dev.kintsugi.chaos.HubParameter>> faults() {
        return ChaosHub.faults();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One template (texts of the built-ins in the request's language)")
    ResponseEntity<HubTemplateView> get(@PathVariable String id, Locale locale) {
        return ok(hub.get(id, locale));
    }

    @PostMapping
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Add a template for a team, from the fields or from an experiment")
    ResponseEntity<HubTemplateView> create(@Valid @RequestBody TemplateRequest request, UriComponentsBuilder uri) {
        HubTemplateView t = hub.create(request.draft());
        URI location = uri.path("/api/v1/chaos/hub/{id}").buildAndExpand(t.id()).toUri();
        return ResponseEntity.created(location).eTag(Versions.etag(t.version())).body(t);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Replace a team's template (built-ins are read-only: 409)")
    ResponseEntity<HubTemplateView> update(
            @PathVariable String id,
            @Valid @RequestBody TemplateRequest request,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(hub.update(id, request.draft(), Versions.expected(ifMatch)));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Delete a team's template (experiments made from it stay)")
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        hub.delete(id, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/instantiate")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Make the template an experiment of a service (with the template's weight)")
    ResponseEntity<ExperimentApiController.ExperimentResponse> instantiate(
            @PathVariable String id,
            @Valid @RequestBody InstantiateRequest r,
            Locale locale,
            UriComponentsBuilder uri) {
        ExperimentView e = hub.instantiate(
                id,
                new HubInstantiation(
                        r.service(),
                        r.targetId(),
                        r.proxyApiUrl(),
                        r.proxy(),
                        r.namespace(),
                        r.labels(),
                        r.deployment(),
                        r.probeUrl(),
                        r.parameters(),
                        r.title()),
                locale);
        URI location =
                uri.path("/api/v1/experiments/{id}").buildAndExpand(e.id()).toUri();
        return ResponseEntity.created(location)
                .eTag(Versions.etag(e.version()))
                .body(ExperimentApiController.ExperimentResponse.of(e));
    }

    private static ResponseEntity<HubTemplateView> ok(HubTemplateView t) {
        return ResponseEntity.ok().eTag(Versions.etag(t.version())).body(t);
    }
}
