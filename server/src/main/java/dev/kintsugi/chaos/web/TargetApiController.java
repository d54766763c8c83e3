package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.Reachability;
import dev.kintsugi.chaos.ServicePolicy;
import dev.kintsugi.chaos.TargetDraft;
import dev.kintsugi.chaos.TargetKind;
import dev.kintsugi.chaos.TargetView;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RestController;

/** A service's chaos targets and policy. */
@RestController
@RequestMapping("/api/v1/services/{name}")
@Tag(name = "Chaos targets", description = "What experiments may touch on a service, and how much")
class TargetApiController {
    private final ChaosTargets targets;

    TargetApiController(ChaosTargets targets) {
        this.targets = targets;
    }

    record TargetRequest(
            @NotNull TargetKind kind,
            @NotNull @Size(max = 80) String name,
            @Size(max = 2000) String url,
            @Size(max = 50) List<@Size(max = 200) String> proxies,
            @Size(max = 253) String namespace,
            @Size(max = 2000) String labels) {}

    record PolicyRequest(
            @Size(max = 50) List<@Size(max = 253) String> allowedNamespaces,
            @Size(max = 50) List<@Size(max = 253) String> allowedHosts,
            @Size(max = 50) List<@Size(max = 253) String> allowedProxies,
            @Min(1) @Max(100) Integer maxConcurrentRuns,
            @Min(0) @Max(100) Integer maxPodPercent,
            @Size(max = 7) List<@Size(max = 9) String> windowDays,
            @Size(max = 5) String windowStart,
            @Size(max = 5) String windowEnd,
            @Size(max = 64) String windowZone) {}

    @GetMapping("/chaos-targets")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The service's chaos targets")
    List<TargetView> list(@PathVariable String name) {
        return targets.targets(name);
    }

    @PostMapping("/chaos-targets")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Add a target: a fault proxy, a Kubernetes selector, a steady-state endpoint, an actuator")
    ResponseEntity<TargetView> add(@PathVariable String name, @Valid @RequestBody TargetRequest r) {
        return ResponseEntity.status(201)
                .body(targets.addTarget(
                        name, new TargetDraft(r.kind(), r.name(), r.url(), r.proxies(), r.namespace(), r.labels())));
    }

    @DeleteMapping("/chaos-targets/{id}")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Remove a target")
    ResponseEntity<Void> remove(@PathVariable String name, @PathVariable long id) {
        targets.removeTarget(name, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/chaos-targets/{id}/reachability")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Whether the target answers now (short timeout)")
    Reachability check(@PathVariable String name, @PathVariable long id) {
        return targets.check(name, id);
    }

    @GetMapping("/chaos-policy")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Allow-lists, blast-radius caps and the window of the service")
    ResponseEntity<ServicePolicy> policy(@PathVariable String name) {
        ServicePolicy p = targets.policy(name);
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(p);
    }

    @PutMapping("/chaos-policy")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Replace the service's chaos policy")
    ResponseEntity<ServicePolicy> setPolicy(
            @PathVariable String name,
            @Valid @RequestBody PolicyRequest r,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        ServicePolicy p = targets.setPolicy(
                name,
                new ServicePolicy(
                        0,
                        r.allowedNamespaces(),
                        r.allowedHosts(),
                        r.allowedProxies(),
                        r.maxConcurrentRuns() == null ? 1 : r.maxConcurrentRuns(),
                        r.maxPodPercent() == null ? 50 : r.maxPodPercent(),
                        r.windowDays(),
                        r.windowStart(),
                        r.windowEnd(),
                        r.windowZone(),
                        0),
                Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(p);
    }
}
