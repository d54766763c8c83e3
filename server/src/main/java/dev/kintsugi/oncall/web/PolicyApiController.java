package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.EscalationLevel;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.EscalationPolicy;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
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

/** Escalation policies over HTTP. */
@RestController
@RequestMapping("/api/v1/oncall/escalation-policies")
@Tag(name = "On-call escalation policies", description = "Ordered levels, timeouts, repeats, calendar routing")
class PolicyApiController {
    private final EscalationPolicies policies;

    PolicyApiController(EscalationPolicies policies) {
        this.policies = policies;
    }

    record LevelResponse(EscalationLevel.TargetType type, String target, int timeoutMinutes) {}

    record PolicyResponse(
            String name,
            String displayName,
            String team,
            boolean teamDefault,
            List<LevelResponse> levels,
            int repeat,
            Object routing,
            long version) {}

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List the escalation policies")
    List<PolicyResponse> list() {
        return policies.list().stream().map(this::describe).toList();
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Create an escalation policy (the team's responders and admins)")
    ResponseEntity<PolicyResponse> create(@Valid @RequestBody PolicyRequest request) {
        EscalationPolicy p = policies.create(request.toDraft(policies));
        return ResponseEntity.created(URI.create("/api/v1/oncall/escalation-policies/" + p.name()))
                .eTag(Versions.etag(p.version()))
                .body(describe(p));
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One escalation policy")
    ResponseEntity<PolicyResponse> get(@PathVariable String name) {
        EscalationPolicy p = policies.get(name);
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(describe(p));
    }

    @PutMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Replace an escalation policy (If-Match: its ETag)")
    ResponseEntity<PolicyResponse> update(
            @PathVariable String name,
            @Valid @RequestBody PolicyRequest request,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        EscalationPolicy p = policies.update(name, request.toDraft(policies), Versions.expected(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(describe(p));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Delete an escalation policy no page refers to")
    ResponseEntity<Void> delete(
            @PathVariable String name, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        policies.delete(name, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private PolicyResponse describe(EscalationPolicy p) {
        List<LevelResponse> levels = p.levels().stream()
                .map(l -> new LevelResponse(
                        l.type(),
                        switch (l.type()) {
                            case USER -> l.username();
                            case SCHEDULE -> policies.scheduleName(l.scheduleId());
                            case TEAM -> "#" + l.teamId();
                        },
                        l.timeoutMinutes()))
                .toList();
        return new PolicyResponse(
                p.name(),
                p.displayName(),
                policies.teamName(p),
                p.teamDefault(),
                levels,
                p.repeat(),
                p.routing(),
                p.version());
    }
}
