package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.springframework.web.util.UriComponentsBuilder;

/** Teams over HTTP: anyone may read, responders create and change, admins delete. */
@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "The teams (squads) that own services")
class TeamApiController {
    private final CatalogManagement catalog;

    TeamApiController(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List the teams, by name, with the services each owns")
    List<TeamResponse> list() {
        Map<Long, List<String>> owned = catalog.services().stream()
                .collect(Collectors.groupingBy(
                        CatalogService::ownerTeamId, Collectors.mapping(CatalogService::name, Collectors.toList())));
        return catalog.teams().stream()
                .map(t -> TeamResponse.of(t, owned.getOrDefault(t.id(), List.of())))
                .toList();
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One team, with its members and the services it owns")
    ResponseEntity<TeamResponse> get(@PathVariable String name) {
        return ok(catalog.team(name));
    }

    private ResponseEntity<TeamResponse> ok(Team team) {
        return ResponseEntity.ok().eTag(Versions.etag(team.version())).body(describe(team));
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Create a team (members are usernames of existing users)")
    ResponseEntity<TeamResponse> create(@Valid @RequestBody CreateTeamRequest request, UriComponentsBuilder uri) {
        Team team = catalog.createTeam(request.toDraft());
        URI location =
                uri.path("/api/v1/teams/{name}").buildAndExpand(team.name()).toUri();
        return ResponseEntity.created(location)
                .eTag(Versions.etag(team.version()))
                .body(describe(team));
    }

    @PatchMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Change a team: absent fields stay as they are, an empty string clears an optional field, "
                    + "members replaces the whole list")
    ResponseEntity<TeamResponse> update(
            @PathVariable String name,
            @Valid @RequestBody UpdateTeamRequest request,
            @Parameter(description = CatalogConstraints.IF_MATCH_DOC)
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        return ok(catalog.updateTeam(name, request.toDraft(), Versions.expected(ifMatch)));
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete a team; refused (409, listing them) while it still owns services")
    ResponseEntity<Void> delete(
            @PathVariable String name,
            @Parameter(description = CatalogConstraints.IF_MATCH_DOC)
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        catalog.deleteTeam(name, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private TeamResponse describe(Team team) {
        return TeamResponse.of(
                team,
                catalog.servicesOwnedBy(team.id()).stream()
                        .map(CatalogService::name)
                        .toList());
    }
}
